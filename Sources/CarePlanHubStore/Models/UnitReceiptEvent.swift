// CarePlan Link — CarePlanHubStore

/// The events a unit's receipts record after acceptance (the acceptance receipt is kept on the unit itself). One
/// receipt per event and unit.
public enum UnitReceiptEvent: String, Codable, Sendable, CaseIterable {
    /// 受信: the recipient downloaded every file.
    case received
    /// 取込: the recipient's import applied the unit.
    case imported
    /// 取込不可: the recipient's import refused it.
    case importRefused
    /// 取り下げ: the sender withdrew it.
    case withdrawn
    /// 期限切れ: the hub expired it.
    case expired
}
