// CarePlan Link — CarePlanExchange

/// A page of an inbox or outbox listing (`GET /api/v1/inbox`, `/outbox`).
public struct UnitPage: Codable, Sendable, Hashable {
    public var units: [UnitView]
    /// Pass as `cursor` to get the next page; nil when this page is the last.
    public var nextCursor: String?

    public init(units: [UnitView], nextCursor: String?) {
        self.units = units
        self.nextCursor = nextCursor
    }
}
