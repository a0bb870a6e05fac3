// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `authority` table. The kind is stored as its raw text.
extension Authority: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "authority"

    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), kind: try row.decodeEnum("kind"), code: try row.decode(forColumn: "code"), name: try row.decode(forColumn: "name"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["kind"] = self.kind.rawValue
        container["code"] = self.code
        container["name"] = self.name
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
