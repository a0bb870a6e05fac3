// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `unitFile` table.
extension UnitFile: TableRow {
    static let table = "unitFile"
    static let insertColumns = ["unitID", "name", "sha256", "size", "kind", "downloadedAt"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            unitID: try row.decode("unitID"), name: try row.decode("name"), sha256: try row.decode("sha256"), size: try row.decode("size"),
            kind: try row.decode("kind"), downloadedAt: try row.decode("downloadedAt"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.unitID, self.name, self.sha256, self.size, self.kind, self.downloadedAt] }
}
