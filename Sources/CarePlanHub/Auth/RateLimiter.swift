// CarePlan Link — CarePlanHub
import Foundation
import Synchronization

/// A token bucket per office: `perMinute` requests a minute, refilled continuously, bursts up to one minute's worth.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let perMinute: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int) { self.perMinute = Double(max(1, perMinute)) }

    /// Buckets kept before the full ones are dropped: a full bucket is what a missing one means, so forgetting it
    /// changes nothing, and keys made up by the caller (addresses) cannot grow the table without bound.
    static let pruneAbove = 10_000

    /// Takes one token for `key`; returns the seconds to wait when there is none.
    func take(_ key: String, now: Double) -> Double? {
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
