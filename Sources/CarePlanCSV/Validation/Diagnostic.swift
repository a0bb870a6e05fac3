// CarePlan Link — CarePlanCSV

/// One problem found in a file or send unit, with where it is and which rule it breaks.
public struct Diagnostic: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var rule: Rule
    /// File name (nil for send-unit problems that concern no single file).
    public var file: String?
    /// 1-based data record number.
    public var row: Int?
    /// 1-based physical line (differs from `row` after free text with line breaks).
    public var line: Int?
    /// 1-based column in the file.
    public var column: Int?
    /// 項番 (No.) of the item in the 4.x layout.
    public var item: Int?
    /// 項目名
    public var itemName: String?
    /// Absolute byte offset in the file, where known.
    public var byteOffset: Int?
    /// The offending value, if any. It may be personal data: servers must not echo it to other parties.
    public var value: String?
    /// What is wrong, in Japanese.
    public var messageJA: String
    /// What is wrong, in English.
    public var messageEN: String
    /// What to change, in Japanese, for mistakes with a known cause (a vendor's habit, Excel, a browser).
    public var hintJA: String?
    /// What to change, in English.
    public var hintEN: String?
    /// 被保険者番号 of the row's user, so that the sender can find the row in its own software. Personal data: only the
    /// sender sees it, in its own answer; servers never store it (``redacted`` drops it).
    public var insuredNumber: String?

    public init(
        _ severity: Severity, _ rule: Rule, file: String? = nil, row: Int? = nil, line: Int? = nil, column: Int? = nil,
        item: Int? = nil, itemName: String? = nil, byteOffset: Int? = nil, value: String? = nil, ja: String, en: String
    ) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.row = row
        self.line = line
        self.column = column
        self.item = item
        self.itemName = itemName
        self.byteOffset = byteOffset
        self.value = value
        self.messageJA = ja
        self.messageEN = en
    }

    /// A copy without the offending value, for showing to parties that must not see row contents.
    /// A copy with a hint about what to change.
    func hinted(_ ja: String, _ en: String) -> Diagnostic {
        var copy = self
        copy.hintJA = ja
        copy.hintEN = en
        return copy
    }

    public var redacted: Diagnostic {
        var copy = self
        copy.value = nil
        copy.insuredNumber = nil
        return copy
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `FILE 行3(line 4) 列5 No.5 対象年月: 日本語 / English [rule]`
    public var description: String {
        var location: [String] = []
        if let file = self.file { location.append(file) }
        if let row = self.row {
            location.append(self.line.map { $0 != row ? "行\(row)(line \($0))" : "行\(row)" } ?? "行\(row)")
        }
        if let column = self.column { location.append("列\(column)") }
        if let item = self.item { location.append("No.\(item)" + (self.itemName.map { " \($0)" } ?? "")) }
        if let offset = self.byteOffset { location.append("byte \(offset)") }
        let label = self.severity == .error ? "エラー/error" : "警告/warning"
        var text = "\(label) \(location.joined(separator: " ")): \(self.messageJA) / \(self.messageEN) [\(self.rule.rawValue)]"
        if let insured = self.insuredNumber { text += " 被保険者番号/insured=\(insured)" }
        if let value = self.value { text += " 値/value=\"\(value)\"" }
        if let hint = self.hintJA { text += "\n      ヒント: \(hint)" + (self.hintEN.map { " / hint: \($0)" } ?? "") }
        return text
    }
}
