// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `regionMember` table (primary key: region and office). The state is its raw text.
extension RegionMember: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "regionMember"

    public init(row: Row) throws {
        self.init(
            regionID: try row.decode(forColumn: "regionID"), officeID: try row.decode(forColumn: "officeID"), state: try row.decodeEnum("state"),
            invitedAt: try row.decode(forColumn: "invitedAt"), answeredAt: try row.decode(forColumn: "answeredAt"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["regionID"] = self.regionID
        container["officeID"] = self.officeID
        container["state"] = self.state.rawValue
        container["invitedAt"] = self.invitedAt
        container["answeredAt"] = self.answeredAt
    }
}
