// CarePlan Link — CarePlanHubStore

/// A store that keeps the hub's request rate limits, so that several hub processes on one database share them (a
/// client spreading its requests over the processes behind a load balancer gets no more than from one). A store that
/// serves one process (SQLite) does not adopt it: the hub then keeps its buckets in memory, which costs no write per
/// request.
public protocol SharedRateLimits: Sendable {
    /// Takes one token from `key`'s bucket, which holds up to `perMinute` tokens and refills `perMinute` a minute,
    /// continuously; returns the seconds to wait when it is empty (and takes nothing). One atomic statement: parallel
    /// requests in any process cannot take the same token.
    func takeRateToken(key: String, perMinute: Double, at time: Double) async throws -> Double?
}
