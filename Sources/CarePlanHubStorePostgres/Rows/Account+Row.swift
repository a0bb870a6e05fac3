// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `account` table; the role is its raw text.
extension Account: TableRow {
    static let table = "account"
    static let insertColumns = ["officeID", "authorityID", "loginName", "passwordHash", "role", "failedLogins", "lockedUntil", "mustChangePassword"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), officeID: try row.decode("officeID"), authorityID: try row.decode("authorityID"),
            loginName: try row.decode("loginName"), passwordHash: try row.decode("passwordHash"), role: try row.decodeEnum("role"),
            failedLogins: try row.decode("failedLogins"), lockedUntil: try row.decode("lockedUntil"),
            mustChangePassword: try row.decode("mustChangePassword"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.officeID, self.authorityID, self.loginName, self.passwordHash, self.role.rawValue, self.failedLogins, self.lockedUntil, self.mustChangePassword]
    }
}
