// CarePlan Link — CarePlanHubStore

/// Where a send unit is in its life. Every change after acceptance is made by one store method, in one transaction,
/// with its audit entry and a signed receipt:
///
/// accepted → downloaded (every file downloaded) → imported or importRefused (the recipient's import reported;
/// importRefused → imported when a later import applies it); accepted with no file downloaded → withdrawn (by the
/// sender); accepted → expired (not downloaded within the retention period).
public enum UnitState: String, Codable, Sendable, CaseIterable {
    /// 受付済: accepted by the hub; the recipient has not downloaded every file yet (未読 while none).
    case accepted
    /// 受信済: the recipient downloaded every file of the unit.
    case downloaded
    /// 取込済: the recipient's import applied the unit.
    case imported
    /// 取込不可: the recipient's import refused the unit (the located problems are kept, values redacted).
    case importRefused
    /// 取り下げ: the sender withdrew the unit before the recipient downloaded anything; its files are deleted.
    case withdrawn
    /// 期限切れ: not downloaded within the retention period.
    case expired

    /// The Japanese label shown to users.
    public var japanese: String {
        switch self {
        case .accepted: "受付済"
        case .downloaded: "受信済"
        case .imported: "取込済"
        case .importRefused: "取込不可"
        case .withdrawn: "取り下げ"
        case .expired: "期限切れ"
        }
    }

    /// False for withdrawn and expired units: they hold their ファイル連番 no longer, and the same files may be sent
    /// again as a new unit.
    public var isLive: Bool { self != .withdrawn && self != .expired }

    /// The SQL list of the states that are not live, for the partial unique indexes and the store's queries.
    public static let deadStatesSQL = "('withdrawn', 'expired')"
}
