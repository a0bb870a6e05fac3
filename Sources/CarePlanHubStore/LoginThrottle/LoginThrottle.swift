// CarePlan Link — CarePlanHubStore

/// Password-login throttling: growing delays instead of a lock that anyone could trigger.
///
/// Every attempt is counted *before* the password is checked, in one store transaction, against two keys:
/// - the login name together with the client address (free 5 attempts, then 1 s, 2 s, 4 s … up to 15 min):
///   what stops guessing one account, without letting a guesser elsewhere lock the real user out;
/// - the client address alone (free 20): what stops one address from trying many names.
/// There is deliberately no key for the name alone: any such key can be kept blocked by a guesser with a few
/// addresses, which locks the real user out. IPv6 addresses count by their /64 (one customer's network), and an
/// IPv4-mapped IPv6 address as its IPv4 address.
/// A key whose delay has not run out refuses the attempt (429 with Retry-After) without a password check. A success
/// clears the name keys and gives the address back its attempt. Unknown names are throttled exactly like real ones, so
/// the answers reveal nothing. Keys are forgotten `resetAfterSeconds` after their last attempt.
public enum LoginThrottle {
    /// A counter the store keeps per key.
    public struct State: Sendable, Hashable, Codable {
        public var key: String
        /// Attempts counted since the key was last cleared or forgotten.
        public var attempts: Int
        public var lastAttemptAt: Double
        /// No attempt is allowed before this time (Unix seconds); 0 when there is no delay.
        public var blockedUntil: Double

        public init(key: String, attempts: Int, lastAttemptAt: Double, blockedUntil: Double) {
            self.key = key
            self.attempts = attempts
            self.lastAttemptAt = lastAttemptAt
            self.blockedUntil = blockedUntil
        }
    }

    /// How one kind of key is throttled.
    public struct Policy: Sendable, Hashable {
        /// Attempts allowed without delay.
        public var freeAttempts: Int
        /// The delay after the first attempt beyond the free ones; it doubles with each further attempt.
        public var baseDelaySeconds: Double
        public var maxDelaySeconds: Double
        /// A key with no attempt for this long starts again from zero.
        public var resetAfterSeconds: Double

        public init(freeAttempts: Int, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 900, resetAfterSeconds: Double = 3600) {
            self.freeAttempts = freeAttempts
            self.baseDelaySeconds = baseDelaySeconds
            self.maxDelaySeconds = maxDelaySeconds
            self.resetAfterSeconds = resetAfterSeconds
        }

        /// Seconds to wait before `state` allows another attempt, or nil when it allows one now.
        public func retryAfter(_ state: State?, now: Double) -> Double? {
            guard let state, now - state.lastAttemptAt < self.resetAfterSeconds, state.blockedUntil > now else { return nil }
            return state.blockedUntil - now
        }

        /// `state` after counting one more attempt at `now`.
        public func counting(_ state: State?, key: String, now: Double) -> State {
            let previous = state.flatMap { now - $0.lastAttemptAt < self.resetAfterSeconds ? $0.attempts : nil } ?? 0
            let attempts = previous + 1
            let over = attempts - self.freeAttempts
            // 2^(over-1) grows past any cap quickly; clamp the exponent so the arithmetic stays finite.
            let delay = over > 0 ? min(self.maxDelaySeconds, self.baseDelaySeconds * Double(1 << min(over - 1, 40))) : 0
            return State(key: key, attempts: attempts, lastAttemptAt: now, blockedUntil: delay > 0 ? now + delay : 0)
        }
    }

    /// One key of an attempt and its policy.
    public struct Key: Sendable, Hashable {
        public var id: String
        public var policy: Policy
        /// On success the key is cleared (name keys) or only given its attempt back (the address key).
        public var clearedOnSuccess: Bool

        public init(id: String, policy: Policy, clearedOnSuccess: Bool) {
            self.id = id
            self.policy = policy
            self.clearedOnSuccess = clearedOnSuccess
        }
    }
}
