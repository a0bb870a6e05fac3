// CarePlan Link — CarePlanHubStore

/// Where a send unit is in its life.
public enum UnitState: String, Codable, Sendable, CaseIterable {
    /// 受付済: accepted by the hub, not yet downloaded.
    case accepted
    /// 受信済: the recipient downloaded at least one file.
    case downloaded
    /// 取込済: the recipient acknowledged that it stored the files.
    case acknowledged
    /// 期限切れ: not downloaded within the retention period; files deleted.
    case expired

    /// The Japanese label shown to users.
    public var japanese: String {
        switch self {
        case .accepted: "受付済"
        case .downloaded: "受信済"
        case .acknowledged: "取込済"
        case .expired: "期限切れ"
        }
    }
}
