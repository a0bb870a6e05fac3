// CarePlan Link — CarePlanHubStore

/// What a credential may be used for.
public enum Scope: String, Codable, Sendable, CaseIterable {
    /// Upload send units, read the outbox.
    case send
    /// Read the inbox, download, report imports.
    case receive
    /// Manage the office's accounts and tokens (admins), or the hub (operator).
    case manage
    /// 地域: a local authority's view of its model regions (counts and office-level facts, never files or users).
    case region
}
