// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `unit` table. Columns are the model's Codable keys; writing goes through GRDB's Codable support (enums as their
/// raw text). Reading is written out: listings decode a thousand rows per page, and Codable decoding was most of a
/// page's store time (`careplan-bench listing`).
extension ExchangeUnit: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unit"

    public enum Columns {
        public static let id = Column("id")
        public static let senderOfficeID = Column("senderOfficeID")
        public static let recipientOfficeID = Column("recipientOfficeID")
        public static let state = Column("state")
        public static let fingerprint = Column("fingerprint")
        public static let createdAt = Column("createdAt")
    }

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), senderOfficeID: try row.decode(forColumn: "senderOfficeID"),
            recipientOfficeID: try row.decode(forColumn: "recipientOfficeID"), timestamp: try row.decode(forColumn: "timestamp"),
            pattern: try row.decode(forColumn: "pattern"), state: try row.decodeEnum("state"), fingerprint: try row.decode(forColumn: "fingerprint"),
            createdAt: try row.decode(forColumn: "createdAt"), downloadedAt: try row.decode(forColumn: "downloadedAt"),
            importReportedAt: try row.decode(forColumn: "importReportedAt"), withdrawnAt: try row.decode(forColumn: "withdrawnAt"),
            expiredAt: try row.decode(forColumn: "expiredAt"), filesPurgedAt: try row.decode(forColumn: "filesPurgedAt"),
            acceptanceReceipt: try row.decode(forColumn: "acceptanceReceipt"), warnings: try row.decode(forColumn: "warnings"),
            importProblems: try row.decode(forColumn: "importProblems"), previousUnitID: try row.decode(forColumn: "previousUnitID"))
    }
}
