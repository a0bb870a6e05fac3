// CarePlan Link — CarePlanHubStore

/// 監査ログの検索: what the operator's audit page filters by; every field that is nil matches every entry.
public struct AuditSearch: Sendable, Hashable {
    /// An action (`upload`) or a family of actions (`admin` matches `admin.createUser`, …).
    public var action: String?
    /// The acting office, 事業所番号_種類.
    public var office: String?
    /// `account:12`, `token:3`, `cli`, `system`, …
    public var actor: String?
    /// Text the subject contains (a unit id, a login name).
    public var subject: String?
    /// From (inclusive) and to (exclusive), seconds since 1970.
    public var from: Double?
    public var to: Double?

    public init(action: String? = nil, office: String? = nil, actor: String? = nil, subject: String? = nil, from: Double? = nil, to: Double? = nil) {
        self.action = action
        self.office = office
        self.actor = actor
        self.subject = subject
        self.from = from
        self.to = to
    }
}
