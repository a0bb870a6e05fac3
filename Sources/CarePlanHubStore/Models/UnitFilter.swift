// CarePlan Link — CarePlanHubStore

/// Which units of an inbox or outbox a listing shows: every given condition must hold.
public struct UnitFilter: Sendable, Hashable {
    public var states: [UnitState]?
    /// The office on the other side (送信元 in an inbox, 送信先 in an outbox).
    public var partnerOfficeID: Int64?
    /// 対象年月 `YYYYMM`: a file of the unit is of that month (the month, or the date's month, that its name carries
    /// after the kind).
    public var month: String?
    /// File-name prefixes (e.g. `UPPLAN`): a file of the unit is of one of these kinds.
    public var kinds: [String]?
    /// A user's keyed digest (the hub's user index): the unit holds rows of that user.
    public var userDigest: String?

    public init(states: [UnitState]? = nil, partnerOfficeID: Int64? = nil, month: String? = nil, kinds: [String]? = nil, userDigest: String? = nil) {
        self.states = states
        self.partnerOfficeID = partnerOfficeID
        self.month = month
        self.kinds = kinds
        self.userDigest = userDigest
    }

    /// No condition: every unit.
    public static let all = UnitFilter()
}
