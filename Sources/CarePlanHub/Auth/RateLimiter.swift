// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation
import Synchronization

/// A token bucket per office: `perMinute` requests a minute, refilled continuously, bursts up to one minute's worth.
/// In memory, unless the store keeps buckets for every process on its database (``SharedRateLimits``, PostgreSQL):
/// then each take is one statement there, so that several hubs behind a load balancer share one limit.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let perMinute: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    private let shared: (any SharedRateLimits)?

    init(perMinute: Int, shared: (any SharedRateLimits)? = nil) {
        self.perMinute = Double(max(1, perMinute))
        self.shared = shared
    }

    /// Takes one token for `key` from the shared buckets when there are, else from memory; the seconds to wait when
    /// there is none.
    func take(_ key: String, now: Double) async throws -> Double? {
        guard let shared = self.shared else { return self.takeInMemory(key, now: now) }
        return try await shared.takeRateToken(key: key, perMinute: self.perMinute, at: now)
    }

    /// Buckets kept before the full ones are dropped: a full bucket is what a missing one means, so forgetting it
    /// changes nothing, and keys made up by the caller (addresses) cannot grow the table without bound.
    static let pruneAbove = 10_000

    /// Takes one token for `key` from this process's buckets; returns the seconds to wait when there is none.
    func takeInMemory(_ key: String, now: Double) -> Double? {
        self.buckets.withLock { buckets in
            if buckets.count > Self.pruneAbove {
                // Any bucket left alone for a minute has refilled.
                buckets = buckets.filter { now - $0.value.updated < 60 }
            }
            var bucket = buckets[key] ?? Bucket(tokens: self.perMinute, updated: now)
            bucket.tokens = min(self.perMinute, bucket.tokens + (now - bucket.updated) * self.perMinute / 60)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) * 60 / self.perMinute }
            bucket.tokens -= 1
            return nil
        }
    }
}
