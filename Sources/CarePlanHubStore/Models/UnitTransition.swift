// CarePlan Link — CarePlanHubStore
public import CarePlanExchange

/// What a state change of a unit records: its audit entry, and the receipt the hub signs for that entry's position
/// (called inside the store's transaction, so that the receipt names the audit head that includes its own event).
public struct UnitTransition: Sendable {
    public var audit: AuditRecord
    /// Signs the receipt (JSON of a `SignedReceipt`) for the unit as it is after the change.
    public var receipt: @Sendable (ExchangeUnit, AuditPosition) throws -> String

    public init(audit: AuditRecord, receipt: @escaping @Sendable (ExchangeUnit, AuditPosition) throws -> String) {
        self.audit = audit
        self.receipt = receipt
    }
}

/// What a requested state change did.
public enum TransitionOutcome: Sendable {
    /// The change was made: the unit after it, and the receipt signed for it.
    case changed(ExchangeUnit, receipt: String)
    /// The unit already was in the requested state: nothing changed; its receipt of then, if any.
    case unchanged(ExchangeUnit, receipt: String?)
    /// The unit's state does not allow the change (e.g. withdrawing a unit the recipient has downloaded from).
    case notAllowed(ExchangeUnit)
}
