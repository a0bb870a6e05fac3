// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `unitFile` table; columns are the model's Codable keys.
extension UnitFile: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unitFile"

    public enum Columns {
        public static let unitID = Column("unitID")
        public static let name = Column("name")
    }
}
