// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `loginThrottle` table; columns are the model's Codable keys.
extension LoginThrottle.State: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "loginThrottle"
}
