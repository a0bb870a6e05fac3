// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanExchange

extension Hub {
    /// One pass of the retention rules now: expires units not downloaded within `retention.unreadDays` (each with a
    /// signed expiry receipt) and deletes the files of units read, or expired, more than `retention.readDays` ago. The
    /// server runs it every `retention.intervalSeconds`.
    public func applyRetention() async throws -> (expired: Int, purged: Int) {
        try await Self.applyRetention(store: self.store, retention: self.configuration.retention, signer: self.signer, at: self.now())
    }

    /// The same pass on a store without opening the hub (only the signing key), as `careplan admin purge` runs it.
    public static func applyRetention(
        store: any HubStore, retention: HubConfiguration.Retention, signer: ReceiptSigner, at now: Double
    ) async throws -> (expired: Int, purged: Int) {
        let day = 86_400.0
        return try await store.applyRetention(unreadBefore: now - retention.unreadDays * day, readBefore: now - retention.readDays * day, at: now) {
            listed, position in
            try signer.receipt(UnitDelivery.payload(UnitReceiptEvent.expired.rawValue, of: listed, at: now, office: "hub", account: "hub"), at: position).json()
        }
    }

    /// When an accepted unit, not completely downloaded, expires (nil in any other state).
    func expiry(of unit: ExchangeUnit) -> Double? {
        unit.state == .accepted ? unit.createdAt + self.configuration.retention.unreadDays * 86_400 : nil
    }
}
