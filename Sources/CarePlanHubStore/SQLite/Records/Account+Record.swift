// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `account` table. The role is stored as its raw text; an unknown one is an error, not a crash.
extension Account: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "account"

    public enum Columns {
        public static let id = Column("id")
        public static let officeID = Column("officeID")
        public static let loginName = Column("loginName")
    }

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), officeID: try row.decode(forColumn: "officeID"), authorityID: try row.decode(forColumn: "authorityID"),
            loginName: try row.decode(forColumn: "loginName"),
            passwordHash: try row.decode(forColumn: "passwordHash"), role: try row.decodeEnum("role"),
            failedLogins: try row.decode(forColumn: "failedLogins"), lockedUntil: try row.decode(forColumn: "lockedUntil"),
            mustChangePassword: try row.decode(forColumn: "mustChangePassword"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["officeID"] = self.officeID
        container["authorityID"] = self.authorityID
        container["loginName"] = self.loginName
        container["passwordHash"] = self.passwordHash
        container["role"] = self.role.rawValue
        container["failedLogins"] = self.failedLogins
        container["lockedUntil"] = self.lockedUntil
        container["mustChangePassword"] = self.mustChangePassword
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
