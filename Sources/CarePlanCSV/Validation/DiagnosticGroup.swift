// CarePlan Link — CarePlanCSV

/// Problems of one cause: one rule at one item of one file, with how many there are and the first rows, so that 82
/// bad dates read as one line with a count rather than 82 lines.
public struct DiagnosticGroup: Codable, Sendable {
    public let severity: Diagnostic.Severity
    public let rule: Rule
    public let file: String?
    /// 項番 (No.) of the item, when the problems concern one item.
    public let item: Int?
    public let itemName: String?
    /// How many problems the group holds.
    public let count: Int
    /// The first rows (1-based records), in file order.
    public let firstRows: [Int]
    /// The first problem of the group, whole.
    public let first: Diagnostic

    /// Rows listed per group.
    public static let shownRows = 5

    /// Groups `diagnostics` by file, rule, severity and item, in the order each group first appears. Problems that
    /// name no row (a file's or a unit's) each stay alone: two of them under one rule are different problems.
    public static func group(_ diagnostics: [Diagnostic]) -> [DiagnosticGroup] {
        struct Key: Hashable {
            let file: String?
            let rule: Rule
            let severity: Diagnostic.Severity
            let item: Int?
            /// The diagnostic's position when it names no row, so that it groups with nothing else.
            let alone: Int?
            /// The message, for problems that name no item (a field count): rows with different counts differ.
            let message: String?
        }
        var order: [Key] = []
        var members: [Key: [Diagnostic]] = [:]
        for (index, diagnostic) in diagnostics.enumerated() {
            let key = Key(
                file: diagnostic.file, rule: diagnostic.rule, severity: diagnostic.severity, item: diagnostic.item, alone: diagnostic.row == nil ? index : nil,
                message: diagnostic.item == nil ? diagnostic.messageJA : nil)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(diagnostic)
        }
        return order.map { key in
            let list = members[key]!
            return DiagnosticGroup(
                severity: key.severity, rule: key.rule, file: key.file, item: key.item, itemName: list[0].itemName, count: list.count,
                firstRows: Array(list.compactMap(\.row).prefix(Self.shownRows)), first: list[0])
        }
    }

    /// `first` when alone; otherwise `first` and a line `…ほか同じ問題がN件（行 3, 5, 9 …）`.
    public var description: String {
        guard self.count > 1 else { return self.first.description }
        let rows = self.firstRows.map(String.init).joined(separator: ", ") + (self.count > self.firstRows.count ? " …" : "")
        return self.first.description
            + "\n      ×\(self.count) 同じ問題が\(self.count)件（行 \(rows)） / the same problem \(self.count) times (rows \(rows))"
    }
}
