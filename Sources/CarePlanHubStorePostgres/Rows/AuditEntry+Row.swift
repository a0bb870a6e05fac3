// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `audit` table (監査ログ).
extension AuditEntry: TableRow {
    static let table = "audit"
    static let insertColumns = ["sequence", "time", "actor", "office", "action", "subject", "previousHash", "hash"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            sequence: try row.decode("sequence"), time: try row.decode("time"), actor: try row.decode("actor"), office: try row.decode("office"),
            action: try row.decode("action"), subject: try row.decode("subject"), previousHash: try row.decode("previousHash"),
            hash: try row.decode("hash"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.sequence, self.time, self.actor, self.office, self.action, self.subject, self.previousHash, self.hash]
    }
}
