// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `notification` table.
extension MailNotification: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "notification"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), kind: try row.decodeEnum("kind"), officeID: try row.decode(forColumn: "officeID"),
            unitID: try row.decode(forColumn: "unitID"), createdAt: try row.decode(forColumn: "createdAt"), attempts: try row.decode(forColumn: "attempts"),
            nextAttemptAt: try row.decode(forColumn: "nextAttemptAt"), sentAt: try row.decode(forColumn: "sentAt"), lastError: try row.decode(forColumn: "lastError"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["kind"] = self.kind.rawValue
        container["officeID"] = self.officeID
        container["unitID"] = self.unitID
        container["createdAt"] = self.createdAt
        container["attempts"] = self.attempts
        container["nextAttemptAt"] = self.nextAttemptAt
        container["sentAt"] = self.sentAt
        container["lastError"] = self.lastError
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
