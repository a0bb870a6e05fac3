// CarePlan Link — CarePlanHubStore

/// How many units one office sent another in one month (Japan time) of one combination: the store's aggregate for the
/// region dashboard, the subsidy list and the prefecture's view. Counts only, never a file or a user.
public struct ExchangeTally: Sendable, Hashable {
    public var senderOfficeID: Int64
    public var recipientOfficeID: Int64
    /// YYYYMM of the units' acceptance, Japan time.
    public var month: String
    /// The spec's combination (``ExchangeUnit/pattern``).
    public var pattern: String
    /// Units accepted (not withdrawn).
    public var units: Int
    /// Of them, units the recipient received (downloaded, imported or refused at import): an exchange that happened.
    public var received: Int
    /// The first acceptance among `received` units, nil when none was received.
    public var firstReceivedAt: Double?
    /// The last acceptance among the units.
    public var lastAt: Double

    public init(
        senderOfficeID: Int64, recipientOfficeID: Int64, month: String, pattern: String, units: Int, received: Int, firstReceivedAt: Double?, lastAt: Double
    ) {
        self.senderOfficeID = senderOfficeID
        self.recipientOfficeID = recipientOfficeID
        self.month = month
        self.pattern = pattern
        self.units = units
        self.received = received
        self.firstReceivedAt = firstReceivedAt
        self.lastAt = lastAt
    }
}
