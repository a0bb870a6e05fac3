// CarePlan Link — CarePlanHubStore

/// What an account may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// ハブ運用者: manages offices and accounts; sees no care data.
    case hubOperator = "operator"
    /// 事業所管理者: manages the office's staff and tokens, and exchanges.
    case admin
    /// 職員: exchanges files for the office.
    case staff
    /// 市区町村: runs model regions (invites offices, proposes links, sees the region's counts); sees no care data.
    case municipality
    /// 都道府県: sees the counts of its municipalities' regions; sees no care data.
    case prefecture

    /// Whether the role belongs to a local authority (自治体) rather than an office or the hub.
    public var isAuthority: Bool { self == .municipality || self == .prefecture }
}
