// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `loginThrottle` table: one counter per key.
extension LoginThrottle.State: TableRow {
    static let table = "loginThrottle"
    static let insertColumns = ["key", "attempts", "lastAttemptAt", "blockedUntil"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            key: try row.decode("key"), attempts: try row.decode("attempts"), lastAttemptAt: try row.decode("lastAttemptAt"),
            blockedUntil: try row.decode("blockedUntil"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.key, self.attempts, self.lastAttemptAt, self.blockedUntil] }
}
