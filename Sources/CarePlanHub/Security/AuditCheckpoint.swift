// CarePlan Link — CarePlanHub
public import CarePlanExchange

/// A signed statement of the audit log's head: "entry `auditSequence` had hash `auditHash` at `time`".
///
/// The hash chain alone shows edits and gaps, but not a log whose tail was cut off, nor one whose entries were
/// deleted and the chain recomputed after them: both still form a valid chain. A checkpoint (and every receipt, which
/// carries the same two fields) fixes a point of the chain under the hub's signature; whoever keeps one can show later
/// that the log no longer reaches that point, or reaches it with another hash. See ``AuditVerifier``.
public struct AuditCheckpoint: Codable, Sendable, Hashable {
    /// Always `auditCheckpoint`.
    public var event: String
    public var auditSequence: Int64
    public var auditHash: String
    /// ISO 8601 UTC time of signing.
    public var time: String

    public init(position: AuditPosition, time: String) {
        self.event = "auditCheckpoint"
        self.auditSequence = position.sequence
        self.auditHash = position.hash
        self.time = time
    }
}
