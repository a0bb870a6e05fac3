// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `notification` table (メール通知). The kind is stored as its raw text.
extension MailNotification: TableRow {
    static let table = "notification"
    static let insertColumns = ["kind", "officeID", "unitID", "createdAt", "attempts", "nextAttemptAt", "sentAt", "lastError"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), kind: try row.decodeEnum("kind"), officeID: try row.decode("officeID"), unitID: try row.decode("unitID"),
            createdAt: try row.decode("createdAt"), attempts: try row.decode("attempts"), nextAttemptAt: try row.decode("nextAttemptAt"),
            sentAt: try row.decode("sentAt"), lastError: try row.decode("lastError"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.kind.rawValue, self.officeID, self.unitID, self.createdAt, self.attempts, self.nextAttemptAt, self.sentAt, self.lastError]
    }
}
