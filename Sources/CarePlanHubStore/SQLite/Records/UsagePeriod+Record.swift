// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `usagePeriod` table. The kind is stored as its raw text.
extension UsagePeriod: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "usagePeriod"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), officeID: try row.decode(forColumn: "officeID"), kind: try row.decodeEnum("kind"),
            startsAt: try row.decode(forColumn: "startsAt"), endsAt: try row.decode(forColumn: "endsAt"), note: try row.decode(forColumn: "note"),
            createdAt: try row.decode(forColumn: "createdAt"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["officeID"] = self.officeID
        container["kind"] = self.kind.rawValue
        container["startsAt"] = self.startsAt
        container["endsAt"] = self.endsAt
        container["note"] = self.note
        container["createdAt"] = self.createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
