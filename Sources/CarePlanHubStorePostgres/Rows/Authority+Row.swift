// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `authority` table (自治体). The kind is its raw text.
extension Authority: TableRow {
    static let table = "authority"
    static let insertColumns = ["kind", "code", "name"]

    init(sqlRow row: SQLRow) throws {
        self.init(id: try row.decode("id"), kind: try row.decodeEnum("kind"), code: try row.decode("code"), name: try row.decode("name"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.kind.rawValue, self.code, self.name] }
}
