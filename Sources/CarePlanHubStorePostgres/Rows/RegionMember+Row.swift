// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `regionMember` table (primary key: region and office). The state is its raw text.
extension RegionMember: TableRow {
    static let table = "regionMember"
    static let insertColumns = ["regionID", "officeID", "state", "invitedAt", "answeredAt"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            regionID: try row.decode("regionID"), officeID: try row.decode("officeID"), state: try row.decodeEnum("state"),
            invitedAt: try row.decode("invitedAt"), answeredAt: try row.decode("answeredAt"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.regionID, self.officeID, self.state.rawValue, self.invitedAt, self.answeredAt] }

    /// Inserts the member, or replaces the stored one of the same region and office (GRDB's `save`).
    static let upsertSQL = RegionMember.insertSQL() + """
         ON CONFLICT (regionID, officeID) DO UPDATE SET state = excluded.state, invitedAt = excluded.invitedAt, answeredAt = excluded.answeredAt
        """

    /// Writes the member's other columns back.
    static let updateSQL = "UPDATE regionMember SET state = ?, invitedAt = ?, answeredAt = ? WHERE regionID = ? AND officeID = ?"

    var updateValues: [any SQLArgumentConvertible] { [self.state.rawValue, self.invitedAt, self.answeredAt, self.regionID, self.officeID] }
}
