// CarePlan Link — CarePlanHubStore

/// The order of an inbox or outbox page, by (createdAt, id).
public enum UnitOrder: Sendable {
    /// The API's: the order in which units are imported.
    case oldestFirst
    /// The web's: new arrivals on the first page.
    case newestFirst
}
