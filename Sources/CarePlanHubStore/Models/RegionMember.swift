// CarePlan Link — CarePlanHubStore

/// An office's place in a model region: invited by the municipality, then joined or declined by the office.
public struct RegionMember: Codable, Sendable, Hashable {
    /// 参加の状態
    public enum State: String, Codable, Sendable, CaseIterable {
        /// 招待中: invited, not yet answered.
        case invited
        /// 参加: the office accepted.
        case joined
        /// 辞退: the office declined; the municipality may invite it again.
        case declined
    }

    public var regionID: Int64
    public var officeID: Int64
    public var state: State
    public var invitedAt: Double
    /// When the office joined or declined.
    public var answeredAt: Double?

    public init(regionID: Int64, officeID: Int64, state: State, invitedAt: Double, answeredAt: Double? = nil) {
        self.regionID = regionID
        self.officeID = officeID
        self.state = state
        self.invitedAt = invitedAt
        self.answeredAt = answeredAt
    }
}

/// A member with its office, as the municipality lists them.
public struct RegionMemberOffice: Sendable, Hashable {
    public var member: RegionMember
    public var office: Office

    public init(member: RegionMember, office: Office) {
        self.member = member
        self.office = office
    }
}

/// A region an office was invited to, with the office's place in it, as the office sees it.
public struct RegionInvitation: Sendable, Hashable {
    public var region: Region
    /// The municipality that runs the region.
    public var authority: Authority
    public var member: RegionMember

    public init(region: Region, authority: Authority, member: RegionMember) {
        self.region = region
        self.authority = authority
        self.member = member
    }
}
