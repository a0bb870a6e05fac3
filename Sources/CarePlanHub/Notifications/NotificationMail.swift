// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanMail
import Foundation

/// The one mail an office gets for what a pass found: 新着, 取込不可 and 期限間近 in sections, each unit as its label,
/// partner and time, with a link to its page. It never names a user or quotes a file: mail leaves the hub's
/// protection, and an office's address may be read by more people than its login.
struct NotificationMail {
    let office: Office
    let address: String
    let items: [ClaimedNotification]

    func message(configuration: HubConfiguration.Notifications, expiry: (ExchangeUnit) -> Double?, now: Double) -> MailMessage {
        let byKind = Dictionary(grouping: self.items, by: \.notification.kind)
        let counts = MailNotification.Kind.allCases.compactMap { kind in byKind[kind].map { "\(Self.title(kind)) \($0.count)件" } }
        let englishCounts = MailNotification.Kind.allCases.compactMap { kind in byKind[kind].map { "\(Self.englishTitle(kind).lowercased()): \($0.count)" } }
        var lines = ["\(self.office.name) 御中", "", "CarePlan Link からのお知らせです。", ""]
        for kind in MailNotification.Kind.allCases {
            guard let items = byKind[kind] else { continue }
            lines.append("■ \(Self.title(kind))（\(items.count)件）")
            lines.append(Self.explanation(kind))
            for item in items.sorted(by: { $0.unit.unit.createdAt < $1.unit.unit.createdAt }) {
                let unit = item.unit
                let partner = kind == .arrival ? "送信元 \(OfficeLabel.text(unit.sender))" : "送信先 \(OfficeLabel.text(unit.recipient))"
                var line = "・\(UnitLabel.text(unit.files))　\(partner)　受付 \(JapanTime.string(unit.unit.createdAt))"
                if kind == .expiring, let expires = expiry(unit.unit) { line += "　期限 \(JapanTime.string(expires))" }
                lines.append(line)
                if let link = Self.link(configuration.hubURL, unit.unit.id) { lines.append("  \(link)") }
            }
            lines.append("")
        }
        lines += [
            "このメールには利用者の個人情報を含めていません。内容は CarePlan Link にログインして確認してください。",
            "通知先は「通知設定」画面で変更・停止できます。",
            "",
            "This is a notice from the CarePlan Link hub (\(englishCounts.joined(separator: ", "))); log in to see the units.",
        ]
        return MailMessage(
            from: configuration.from, fromName: configuration.fromName, to: [self.address],
            subject: "【CarePlan Link】\(counts.joined(separator: "・"))", body: lines.joined(separator: "\n"), date: Date(timeIntervalSince1970: now))
    }

    static func title(_ kind: MailNotification.Kind) -> String {
        switch kind {
        case .arrival: "新着"
        case .importRefused: "取込不可"
        case .expiring: "期限間近"
        }
    }

    static func englishTitle(_ kind: MailNotification.Kind) -> String {
        switch kind {
        case .arrival: "New"
        case .importRefused: "Import refused"
        case .expiring: "Expires soon"
        }
    }

    private static func explanation(_ kind: MailNotification.Kind) -> String {
        switch kind {
        case .arrival: "次の送付が届きました。受信して取り込んでください。"
        case .importRefused: "送信先の取込で受け付けられませんでした。理由を確認し、直して送り直してください。"
        case .expiring: "送信先がまだ受信していません。期限を過ぎると期限切れになり、送信先は受け取れなくなります。"
        }
    }

    private static func link(_ hubURL: String, _ unitID: String) -> String? {
        guard !hubURL.isEmpty else { return nil }
        return (hubURL.hasSuffix("/") ? String(hubURL.dropLast()) : hubURL) + "/web/units/\(unitID)"
    }
}
