// CarePlan Link — CarePlanHubStore

/// A position in an inbox or outbox listing.
public struct UnitCursor: Sendable, Hashable {
    public var createdAt: Double
    public var id: String

    public init(createdAt: Double, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// `createdAt:id`, opaque to clients.
    public var token: String { "\(self.createdAt):\(self.id)" }

    public init?(token: String) {
        let parts = token.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let time = Double(parts[0]) else { return nil }
        self.init(createdAt: time, id: String(parts[1]))
    }
}
