// CarePlan Link — CarePlanHubStore
public import CarePlanExchange

/// One entry of the append-only, hash-chained audit log.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// 1, 2, 3, … without gaps.
    public var sequence: Int64
    public var time: Double
    /// Who acted: `account:<id>`, `token:<id>`, `system`, or `cli`.
    public var actor: String
    /// The acting office's 事業所番号_種類, if any.
    public var office: String?
    /// `login`, `login.failed`, `upload`, `download`, `ack`, `admin.*`, `expire`, `purge`, …
    public var action: String
    /// What was acted on (unit id, account name, …); never care data.
    public var subject: String
    /// SHA-256 (hex) of the previous entry, `0…0` for the first.
    public var previousHash: String
    /// SHA-256 (hex) over this entry's fields and `previousHash`.
    public var hash: String

    public init(sequence: Int64, time: Double, actor: String, office: String?, action: String, subject: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.office = office
        self.action = action
        self.subject = subject
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Where the entry sits in the chain.
    public var position: AuditPosition { AuditPosition(sequence: self.sequence, hash: self.hash) }
}
