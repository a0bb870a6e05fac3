// CarePlan Link — CarePlanExchange

/// A place in the audit chain: an entry's sequence number and hash.
public struct AuditPosition: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
