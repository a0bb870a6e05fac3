// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `region` table.
extension Region: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "region"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), authorityID: try row.decode(forColumn: "authorityID"), name: try row.decode(forColumn: "name"),
            createdAt: try row.decode(forColumn: "createdAt"), estimate: try row.decode(forColumn: "estimate"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["authorityID"] = self.authorityID
        container["name"] = self.name
        container["createdAt"] = self.createdAt
        container["estimate"] = self.estimate
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
