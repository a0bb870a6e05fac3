// CarePlan Link — CarePlanHubStore

/// 利用期間: a span of time in which an office may use the hub, by the terms it was given. An office with periods sends
/// only within one; after the last ends it may still receive for the hub's grace period.
public struct UsagePeriod: Codable, Sendable, Hashable {
    /// 利用区分
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// お試し利用
        case trial
        /// フリーパス (a free period the national programme or the operator grants)
        case freePass
        /// 有償利用
        case paid
        /// 自治体の事業 (a municipality's model-region programme pays)
        case municipal
    }

    public var id: Int64
    public var officeID: Int64
    public var kind: Kind
    /// 開始 (inclusive), seconds since 1970.
    public var startsAt: Double
    /// 終了 (exclusive).
    public var endsAt: Double
    /// 備考 (e.g. the contract or programme), shown to the operator and the office.
    public var note: String
    public var createdAt: Double

    public init(id: Int64 = 0, officeID: Int64, kind: Kind, startsAt: Double, endsAt: Double, note: String = "", createdAt: Double) {
        self.id = id
        self.officeID = officeID
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.note = note
        self.createdAt = createdAt
    }
}
