// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `credential` table; scopes are a comma-separated list.
extension Credential: TableRow {
    static let table = "credential"
    static let insertColumns = ["accountID", "kind", "secretHash", "label", "scopes", "createdAt", "expiresAt", "revokedAt"]

    init(sqlRow row: SQLRow) throws {
        let scopes: String = try row.decode("scopes")
        self.init(
            id: try row.decode("id"), accountID: try row.decode("accountID"), kind: try row.decodeEnum("kind"),
            secretHash: try row.decode("secretHash"), label: try row.decode("label"),
            scopes: try scopes.split(separator: ",").map {
                guard let scope = Scope(rawValue: String($0)) else { throw PostgresHubStoreError.invalidValue(column: "scopes", value: scopes) }
                return scope
            },
            createdAt: try row.decode("createdAt"), expiresAt: try row.decode("expiresAt"), revokedAt: try row.decode("revokedAt"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.accountID, self.kind.rawValue, self.secretHash, self.label, self.scopes.map(\.rawValue).joined(separator: ","), self.createdAt,
         self.expiresAt, self.revokedAt]
    }
}
