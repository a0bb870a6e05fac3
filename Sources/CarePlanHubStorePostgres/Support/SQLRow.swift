// CarePlan Link — CarePlanHubStorePostgres
import PostgresNIO

/// One result row, read by column name. Names are given as the SQL writes them (`senderOfficeID`); PostgreSQL folds
/// unquoted identifiers to lower case, and so does the lookup.
struct SQLRow: Sendable {
    private let row: PostgresRandomAccessRow
    /// Put before every name looked up (`c_` for `c_id` when one statement returns several tables' rows).
    private var prefix = ""

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    /// The same row read through the columns named `prefix` + name.
    func prefixed(_ prefix: String) -> SQLRow {
        var row = self
        row.prefix = prefix
        return row
    }

    /// The column's value; throws ``PostgresHubStoreError/invalidValue(column:value:)`` for a missing column.
    func decode<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        let name = (self.prefix + column).lowercased()
        guard self.row.contains(name) else { throw PostgresHubStoreError.invalidValue(column: column, value: "(no such column)") }
        return try self.row[name].decode(Value.self)
    }

    /// A text column decoded into an enum; an unknown value is an error, not a crash.
    func decodeEnum<Value: RawRepresentable<String>>(_ column: String) throws -> Value {
        let raw: String = try self.decode(column)
        guard let value = Value(rawValue: raw) else { throw PostgresHubStoreError.invalidValue(column: column, value: raw) }
        return value
    }

    /// A nullable text column decoded into an enum.
    func decodeEnum<Value: RawRepresentable<String>>(_ column: String) throws -> Value? {
        guard let raw: String = try self.decode(column) else { return nil }
        guard let value = Value(rawValue: raw) else { throw PostgresHubStoreError.invalidValue(column: column, value: raw) }
        return value
    }

    /// The first column, whatever its name (`SELECT COUNT(*)`).
    func first<Value: PostgresDecodable>(as type: Value.Type = Value.self) throws -> Value {
        try self.row[0].decode(Value.self)
    }
}
