// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `partnership` table (one row per pair of offices, whichever asked). The state is its raw text.
extension Partnership: TableRow {
    static let table = "partnership"
    static let insertColumns = ["requesterOfficeID", "recipientOfficeID", "state", "requestedAt", "answeredAt", "requesterFavourite", "recipientFavourite"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), requesterOfficeID: try row.decode("requesterOfficeID"), recipientOfficeID: try row.decode("recipientOfficeID"),
            state: try row.decodeEnum("state"), requestedAt: try row.decode("requestedAt"), answeredAt: try row.decode("answeredAt"),
            requesterFavourite: try row.decode("requesterFavourite"), recipientFavourite: try row.decode("recipientFavourite"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.requesterOfficeID, self.recipientOfficeID, self.state.rawValue, self.requestedAt, self.answeredAt, self.requesterFavourite,
         self.recipientFavourite]
    }

    /// Writes every column back (a declined request asked again changes its direction too).
    static let updateSQL = """
        UPDATE partnership SET requesterOfficeID = ?, recipientOfficeID = ?, state = ?, requestedAt = ?, answeredAt = ?, requesterFavourite = ?,
            recipientFavourite = ? WHERE id = ?
        """

    var updateValues: [any SQLArgumentConvertible] { self.insertValues + [self.id] }
}
