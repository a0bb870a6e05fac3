// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `unit` table (送信単位).
extension ExchangeUnit: TableRow {
    static let table = "unit"
    static let insertColumns = [
        "id", "senderOfficeID", "recipientOfficeID", "timestamp", "pattern", "state", "fingerprint", "createdAt", "downloadedAt", "importReportedAt",
        "withdrawnAt", "expiredAt", "filesPurgedAt", "acceptanceReceipt", "warnings", "importProblems", "previousUnitID",
    ]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), senderOfficeID: try row.decode("senderOfficeID"), recipientOfficeID: try row.decode("recipientOfficeID"),
            timestamp: try row.decode("timestamp"), pattern: try row.decode("pattern"), state: try row.decodeEnum("state"),
            fingerprint: try row.decode("fingerprint"), createdAt: try row.decode("createdAt"), downloadedAt: try row.decode("downloadedAt"),
            importReportedAt: try row.decode("importReportedAt"), withdrawnAt: try row.decode("withdrawnAt"), expiredAt: try row.decode("expiredAt"),
            filesPurgedAt: try row.decode("filesPurgedAt"), acceptanceReceipt: try row.decode("acceptanceReceipt"),
            warnings: try row.decode("warnings"), importProblems: try row.decode("importProblems"), previousUnitID: try row.decode("previousUnitID"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.id, self.senderOfficeID, self.recipientOfficeID, self.timestamp, self.pattern, self.state.rawValue, self.fingerprint, self.createdAt,
         self.downloadedAt, self.importReportedAt, self.withdrawnAt, self.expiredAt, self.filesPurgedAt, self.acceptanceReceipt, self.warnings,
         self.importProblems, self.previousUnitID]
    }

    /// Writes the unit's changeable columns back (the state and its times, the problems).
    static let updateSQL = """
        UPDATE unit SET state = ?, downloadedAt = ?, importReportedAt = ?, withdrawnAt = ?, expiredAt = ?, filesPurgedAt = ?, warnings = ?,
            importProblems = ? WHERE id = ?
        """

    var updateValues: [any SQLArgumentConvertible] {
        [self.state.rawValue, self.downloadedAt, self.importReportedAt, self.withdrawnAt, self.expiredAt, self.filesPurgedAt, self.warnings,
         self.importProblems, self.id]
    }
}
