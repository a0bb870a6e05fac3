// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `unit` table. Columns are the model's Codable keys: GRDB's Codable support maps them (enums as their raw text).
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
}
