// CarePlan Link — CarePlanCSV

/// A code table (コード表) of the standard: the values an item may take, with their Japanese labels.
public struct CodeTable: Sendable {
    /// The table's identifier: its Japanese name as used in the spec.
    public struct ID: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    public let id: ID
    /// (code, 名称) pairs in the spec's order.
    public let entries: [(code: String, label: String)]

    /// The label of `code`, or nil when the code is not in the table.
    public func label(of code: String) -> String? { self.entries.first { $0.code == code }?.label }

    /// Whether `code` is in the table.
    public func contains(_ code: String) -> Bool { self.entries.contains { $0.code == code } }

    /// The table of the spec named `name` (e.g. `要介護状態区分`), or nil.
    public static func named(_ name: String) -> CodeTable? { Self.catalog[ID(rawValue: name)] }

    /// Whether the bytes are one of the codes (no String is built).
    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        self.entries.contains { $0.code.utf8.elementsEqual(bytes) }
    }
}
