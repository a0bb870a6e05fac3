// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation

/// A unit's state in the words of the office looking at it. The recipient sees 未読 until it downloads a file, and
/// 受信中 until it has them all; the sender sees 受付済 with the same detail in brackets, and how long until expiry.
struct DeliveryStatus: Sendable {
    /// 未読 / 受信中（1/3） / 受信済 / 取込済 / 取込不可 / 取り下げ / 期限切れ
    let label: String
    /// The CSS class (`state-unread`, `state-downloaded`, …).
    let css: String
    /// 期限 (Japan time) while the unit can expire.
    let expiresAt: String?
    /// Within the warning period before expiry (the sender is told to act).
    let expiresSoon: Bool

    init(_ listed: ListedUnit, viewerIsRecipient: Bool, hub: Hub) {
        let unit = listed.unit
        let downloaded = listed.downloadedFileCount
        switch unit.state {
        case .accepted where downloaded == 0:
            self.label = viewerIsRecipient ? PageText.pick("未読", "Unread") : PageText.pick("受付済（相手は未読）", "Accepted (unread)")
            self.css = "state-unread"
        case .accepted:
            self.label =
                viewerIsRecipient
                ? PageText.pick("受信中（\(downloaded)/\(listed.files.count)）", "Receiving (\(downloaded)/\(listed.files.count))")
                : PageText.pick("受付済（相手が受信中 \(downloaded)/\(listed.files.count)）", "Accepted (being received, \(downloaded)/\(listed.files.count))")
            self.css = "state-accepted"
        default:
            self.label = unit.state.pageLabel
            self.css = "state-\(unit.state.rawValue)"
        }
        let expiry = hub.expiry(of: unit)
        self.expiresAt = expiry.map(JapanTime.string)
        self.expiresSoon = expiry.map { $0 - hub.now() <= hub.configuration.retention.expiryWarningDays * 86_400 } ?? false
    }
}
