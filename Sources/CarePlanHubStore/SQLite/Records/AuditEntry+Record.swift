// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `audit` table; columns are the model's Codable keys.
extension AuditEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"

    public enum Columns {
        public static let sequence = Column("sequence")
    }
}
