// CarePlan Link — CarePlanHubStore
import GRDB

extension Row {
    /// Decodes a text column into a `RawRepresentable` enum, throwing on an unknown value rather than crashing.
    func decodeEnum<Value: RawRepresentable<String>>(_ column: String) throws -> Value {
        let raw: String = try self.decode(forColumn: column)
        guard let value = Value(rawValue: raw) else { throw SQLiteHubStoreError.invalidValue(column: column, value: raw) }
        return value
    }
}
