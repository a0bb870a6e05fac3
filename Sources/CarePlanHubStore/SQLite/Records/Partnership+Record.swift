// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `partnership` table (one row per pair of offices, whichever asked). The state is its raw text.
extension Partnership: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "partnership"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), requesterOfficeID: try row.decode(forColumn: "requesterOfficeID"),
            recipientOfficeID: try row.decode(forColumn: "recipientOfficeID"), state: try row.decodeEnum("state"),
            requestedAt: try row.decode(forColumn: "requestedAt"), answeredAt: try row.decode(forColumn: "answeredAt"),
            requesterFavourite: try row.decode(forColumn: "requesterFavourite"), recipientFavourite: try row.decode(forColumn: "recipientFavourite"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["requesterOfficeID"] = self.requesterOfficeID
        container["recipientOfficeID"] = self.recipientOfficeID
        container["state"] = self.state.rawValue
        container["requestedAt"] = self.requestedAt
        container["answeredAt"] = self.answeredAt
        container["requesterFavourite"] = self.requesterFavourite
        container["recipientFavourite"] = self.recipientFavourite
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
