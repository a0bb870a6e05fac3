// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `settings.mustache`: the office's 通知先メールアドレス and the mails sent to it lately.
struct SettingsPageModel: Sendable {
    struct Sent: Sendable {
        let kind: String
        let time: String
        let result: String
        let failed: Bool
    }

    var office: OfficeHeader
    let title = PageText.pick("通知設定", "Notifications")
    let address: String
    let enabled: Bool
    /// Whether this account may change the address (the office's administrators).
    let canChange: Bool
    let message: String?
    let error: String?
    let sent: [Sent]
    let hasSent: Bool

    init(
        office: Office, address: String?, enabled: Bool, canChange: Bool, notifications: [MailNotification], message: String? = nil, error: String? = nil
    ) {
        self.office = OfficeHeader(office)
        self.address = address ?? ""
        self.enabled = enabled
        self.canChange = canChange
        self.message = message
        self.error = error.map(PageText.side)
        self.sent = notifications.map { notification in
            let result: String =
                if let sentAt = notification.sentAt {
                    PageText.pick("送信済 \(JapanTime.string(sentAt))", "Sent \(JapanTime.string(sentAt))")
                } else if let next = notification.nextAttemptAt {
                    notification.lastError == nil
                        ? PageText.pick("送信待ち", "Waiting")
                        : PageText.pick(
                            "失敗（\(notification.attempts)回目）。\(JapanTime.string(next)) に再送", "Failed (attempt \(notification.attempts)); next try \(JapanTime.string(next))")
                } else {
                    switch notification.lastError {
                    case "no address": PageText.pick("中止（通知先が削除されました）", "Given up (the address was removed)")
                    case "obsolete": PageText.pick("不要になりました（受信・取り下げ・期限切れ・再取込のため）", "No longer needed (received, withdrawn, expired or imported since)")
                    default: PageText.pick("中止（\(notification.lastError ?? "")）", "Given up (\(notification.lastError ?? ""))")
                    }
                }
            return Sent(
                kind: PageText.pick(NotificationMail.title(notification.kind), NotificationMail.englishTitle(notification.kind)), time: JapanTime.string(notification.createdAt), result: result,
                failed: notification.sentAt == nil && notification.lastError != nil && notification.lastError != "obsolete")
        }
        self.hasSent = !notifications.isEmpty
    }
}
