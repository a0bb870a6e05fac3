// CarePlan Link — CarePlanHubStore

/// A link between two offices (連携先): asked by one, answered by the other. By default an office addresses units only
/// to its linked partners.
public struct Partnership: Codable, Sendable, Hashable {
    /// 連携の状態
    public enum State: String, Codable, Sendable, CaseIterable {
        /// 申請中: asked by the requester, not yet answered.
        case requested
        /// 連携中: accepted; either office may address the other.
        case linked
        /// 辞退: the recipient declined. The requester may ask again.
        case declined
    }

    public var id: Int64
    /// The office that asked (申請元).
    public var requesterOfficeID: Int64
    /// The office that answers (申請先).
    public var recipientOfficeID: Int64
    public var state: State
    /// Seconds since 1970.
    public var requestedAt: Double
    /// When the recipient accepted or declined.
    public var answeredAt: Double?
    /// お気に入り, for each side.
    public var requesterFavourite: Bool
    public var recipientFavourite: Bool

    public init(
        id: Int64 = 0, requesterOfficeID: Int64, recipientOfficeID: Int64, state: State, requestedAt: Double, answeredAt: Double? = nil,
        requesterFavourite: Bool = false, recipientFavourite: Bool = false
    ) {
        self.id = id
        self.requesterOfficeID = requesterOfficeID
        self.recipientOfficeID = recipientOfficeID
        self.state = state
        self.requestedAt = requestedAt
        self.answeredAt = answeredAt
        self.requesterFavourite = requesterFavourite
        self.recipientFavourite = recipientFavourite
    }

    /// The office on the other side from `officeID`.
    public func other(than officeID: Int64) -> Int64 {
        self.requesterOfficeID == officeID ? self.recipientOfficeID : self.requesterOfficeID
    }

    /// Whether `officeID` marked the other office as a favourite.
    public func isFavourite(for officeID: Int64) -> Bool {
        self.requesterOfficeID == officeID ? self.requesterFavourite : self.recipientFavourite
    }
}

/// A partnership seen from one office, with the office on the other side.
public struct PartnerLink: Sendable, Hashable {
    public var partnership: Partnership
    /// The other office.
    public var partner: Office

    public init(partnership: Partnership, partner: Office) {
        self.partnership = partnership
        self.partner = partner
    }
}
