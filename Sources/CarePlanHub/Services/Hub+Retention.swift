// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanExchange

extension Hub {
    /// One pass of the retention rules now: expires units nobody downloaded within `retention.unreadDays` and deletes
    /// the files of units read more than `retention.readDays` ago. The server runs it every `retention.intervalSeconds`.
    public func applyRetention() async throws -> (expired: Int, purged: Int) {
        try await Self.applyRetention(store: self.store, retention: self.configuration.retention, at: self.now())
    }

    /// The same pass on a store without opening the hub (no keys needed), as `careplan admin purge` runs it.
    public static func applyRetention(
        store: any HubStore, retention: HubConfiguration.Retention, at now: Double
    ) async throws -> (expired: Int, purged: Int) {
        let day = 86_400.0
        return try await store.applyRetention(unreadBefore: now - retention.unreadDays * day, readBefore: now - retention.readDays * day, at: now)
    }
}
