// CarePlan Link — CarePlanHubStore

/// An operation refused because of what is already stored.
public enum HubStoreConflict: Error, Equatable, Sendable {
    /// The sender already sent another unit to the recipient with this ファイル連番.
    case sequenceReused(String)
}
