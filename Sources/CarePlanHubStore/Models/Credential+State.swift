// CarePlan Link — CarePlanHubStore

extension Credential {
    /// Whether a credential is still usable (有効), was revoked (失効) or ran out (期限切れ); revocation wins.
    public enum State: String, Sendable, CaseIterable {
        case active
        case revoked
        case expired
    }

    /// The credential's state at `time` (Unix seconds).
    public func state(at time: Double) -> State {
        if self.revokedAt != nil { return .revoked }
        return self.expiresAt < time ? .expired : .active
    }
}
