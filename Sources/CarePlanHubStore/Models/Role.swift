// CarePlan Link — CarePlanHubStore

/// What an account may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// ハブ運用者: manages offices and accounts; sees no care data.
    case hubOperator = "operator"
    /// 事業所管理者: manages the office's staff and tokens, and exchanges.
    case admin
    /// 職員: exchanges files for the office.
    case staff
}
