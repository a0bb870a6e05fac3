// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// How one office stands with another, seen from the first: the partnership's state with its direction.
enum PartnerStanding: String, Sendable {
    /// 連携中
    case linked
    /// 申請中: we asked, not yet answered.
    case requested
    /// 承認待ち: they asked us.
    case incoming
    /// 辞退されました: they declined our request.
    case declined
    /// 辞退しました: we declined theirs.
    case declinedByYou

    init(_ partnership: Partnership, seenBy officeID: Int64) {
        let asked = partnership.requesterOfficeID == officeID
        switch partnership.state {
        case .linked: self = .linked
        case .requested: self = asked ? .requested : .incoming
        case .declined: self = asked ? .declined : .declinedByYou
        }
    }

    var japanese: String {
        switch self {
        case .linked: "連携中"
        case .requested: "申請中"
        case .incoming: "承認待ち"
        case .declined: "辞退されました"
        case .declinedByYou: "辞退しました"
        }
    }
}
