// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `linkProposal` table (連携の提案). The state is its raw text.
extension LinkProposal: TableRow {
    static let table = "linkProposal"
    static let insertColumns = ["regionID", "firstOfficeID", "secondOfficeID", "firstAccepted", "secondAccepted", "state", "proposedAt", "answeredAt"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), regionID: try row.decode("regionID"), firstOfficeID: try row.decode("firstOfficeID"),
            secondOfficeID: try row.decode("secondOfficeID"), firstAccepted: try row.decode("firstAccepted"),
            secondAccepted: try row.decode("secondAccepted"), state: try row.decodeEnum("state"), proposedAt: try row.decode("proposedAt"),
            answeredAt: try row.decode("answeredAt"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.regionID, self.firstOfficeID, self.secondOfficeID, self.firstAccepted, self.secondAccepted, self.state.rawValue, self.proposedAt,
         self.answeredAt]
    }

    /// Writes every column back.
    static let updateSQL = """
        UPDATE linkProposal SET regionID = ?, firstOfficeID = ?, secondOfficeID = ?, firstAccepted = ?, secondAccepted = ?, state = ?, proposedAt = ?,
            answeredAt = ? WHERE id = ?
        """

    var updateValues: [any SQLArgumentConvertible] { self.insertValues + [self.id] }
}
