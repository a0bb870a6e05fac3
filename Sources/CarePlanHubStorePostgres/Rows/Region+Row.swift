// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `region` table (モデル地域).
extension Region: TableRow {
    static let table = "region"
    static let insertColumns = ["authorityID", "name", "createdAt", "estimate"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), authorityID: try row.decode("authorityID"), name: try row.decode("name"), createdAt: try row.decode("createdAt"),
            estimate: try row.decode("estimate"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.authorityID, self.name, self.createdAt, self.estimate] }
}
