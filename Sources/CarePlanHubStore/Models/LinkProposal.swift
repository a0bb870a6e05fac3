// CarePlan Link — CarePlanHubStore

/// 連携の提案: a municipality proposes that two offices of its model region link as partners; they are linked when both
/// have accepted, and the proposal ends when either declines.
public struct LinkProposal: Codable, Sendable, Hashable {
    /// 提案の状態
    public enum State: String, Codable, Sendable, CaseIterable {
        /// 回答待ち: at least one office has not answered.
        case open
        /// 成立: both accepted; the offices are linked partners.
        case accepted
        /// 不成立: one office declined.
        case declined
    }

    public var id: Int64
    public var regionID: Int64
    /// The office with the smaller id (the pair is stored once, in this order).
    public var firstOfficeID: Int64
    public var secondOfficeID: Int64
    public var firstAccepted: Bool
    public var secondAccepted: Bool
    public var state: State
    public var proposedAt: Double
    /// When the proposal was accepted by the second office, or declined.
    public var answeredAt: Double?

    public init(
        id: Int64 = 0, regionID: Int64, firstOfficeID: Int64, secondOfficeID: Int64, firstAccepted: Bool = false, secondAccepted: Bool = false,
        state: State = .open, proposedAt: Double, answeredAt: Double? = nil
    ) {
        self.id = id
        self.regionID = regionID
        self.firstOfficeID = firstOfficeID
        self.secondOfficeID = secondOfficeID
        self.firstAccepted = firstAccepted
        self.secondAccepted = secondAccepted
        self.state = state
        self.proposedAt = proposedAt
        self.answeredAt = answeredAt
    }

    /// Whether `officeID` is one of the two offices.
    public func concerns(_ officeID: Int64) -> Bool { officeID == self.firstOfficeID || officeID == self.secondOfficeID }

    /// The office on the other side from `officeID`.
    public func other(than officeID: Int64) -> Int64 { officeID == self.firstOfficeID ? self.secondOfficeID : self.firstOfficeID }

    /// Whether `officeID` has accepted.
    public func hasAccepted(_ officeID: Int64) -> Bool { officeID == self.firstOfficeID ? self.firstAccepted : self.secondAccepted }
}
