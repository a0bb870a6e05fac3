// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `linkProposal` table. The state is its raw text.
extension LinkProposal: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "linkProposal"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), regionID: try row.decode(forColumn: "regionID"), firstOfficeID: try row.decode(forColumn: "firstOfficeID"),
            secondOfficeID: try row.decode(forColumn: "secondOfficeID"), firstAccepted: try row.decode(forColumn: "firstAccepted"),
            secondAccepted: try row.decode(forColumn: "secondAccepted"), state: try row.decodeEnum("state"), proposedAt: try row.decode(forColumn: "proposedAt"),
            answeredAt: try row.decode(forColumn: "answeredAt"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["regionID"] = self.regionID
        container["firstOfficeID"] = self.firstOfficeID
        container["secondOfficeID"] = self.secondOfficeID
        container["firstAccepted"] = self.firstAccepted
        container["secondAccepted"] = self.secondAccepted
        container["state"] = self.state.rawValue
        container["proposedAt"] = self.proposedAt
        container["answeredAt"] = self.answeredAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
