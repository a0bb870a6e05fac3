// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `software.mustache`: ソフト連携: the office's tokens and certificates, and a new token's secret once.
struct SoftwarePageModel: Sendable {
    struct Row: Sendable {
        let id: String
        let kind: String
        let label: String
        let account: String
        let created: String
        let expires: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    var office: OfficeHeader
    let title = PageText.pick("ソフト連携", "Care software")
    let rows: [Row]
    let hasRows: Bool
    let canManage: Bool
    let days: [Choice]
    /// The token just issued: shown on this answer only.
    let secret: String?
    let message: String?
    let error: String?

    init(office: Office, entries: [SoftwareAccess.Entry], canManage: Bool, secret: String? = nil, message: String? = nil, error: String? = nil) {
        self.office = OfficeHeader(office)
        self.rows = entries.map { entry in
            Row(
                id: String(entry.credential.id),
                kind: entry.credential.kind == .certificate ? PageText.pick("クライアント証明書", "Client certificate") : PageText.pick("APIトークン", "API token"),
                label: entry.credential.label, account: entry.account.loginName, created: JapanTime.date(entry.credential.createdAt),
                expires: JapanTime.date(entry.credential.expiresAt))
        }
        self.hasRows = !entries.isEmpty
        self.canManage = canManage
        self.days = SoftwareAccess.tokenDays.map { Choice(value: String($0), label: PageText.pick("\($0)日", "\($0) days"), selected: $0 == 365) }
        self.secret = secret
        self.message = message
        self.error = error.map(PageText.side)
    }
}
