// CarePlan Link — CarePlanHubStore
public import CarePlanExchange

/// 稼働状況: the hub's totals for its operator, read together. Counts only: no unit, file or user is named.
public struct HubCounts: Sendable, Hashable {
    public var offices: Int
    public var accounts: Int
    /// Units by state (raw values of ``UnitState``).
    public var unitsByState: [String: Int]
    /// Stored (encrypted) file bodies, and the database's size in bytes.
    public var bodies: Int
    public var databaseBytes: Int64
    /// Mails waiting for their (next) attempt, and mails given up.
    public var mailsWaiting: Int
    public var mailsFailed: Int
    public var pendingApplications: Int
    /// The audit log's last entry.
    public var auditHead: AuditPosition?
    public var auditHeadTime: Double?

    public init(
        offices: Int = 0, accounts: Int = 0, unitsByState: [String: Int] = [:], bodies: Int = 0, databaseBytes: Int64 = 0,
        mailsWaiting: Int = 0, mailsFailed: Int = 0, pendingApplications: Int = 0, auditHead: AuditPosition? = nil, auditHeadTime: Double? = nil
    ) {
        self.offices = offices
        self.accounts = accounts
        self.unitsByState = unitsByState
        self.bodies = bodies
        self.databaseBytes = databaseBytes
        self.mailsWaiting = mailsWaiting
        self.mailsFailed = mailsFailed
        self.pendingApplications = pendingApplications
        self.auditHead = auditHead
        self.auditHeadTime = auditHeadTime
    }
}
