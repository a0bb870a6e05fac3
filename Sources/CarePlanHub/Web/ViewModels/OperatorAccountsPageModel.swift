// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `operator-accounts.mustache`: every account (login name, role, office or authority, live credentials), and a reset
/// password once, after a reset.
struct OperatorAccountsPageModel: Sendable {
    struct Row: Sendable {
        let id: String
        let loginName: String
        let role: String
        let belongsTo: String
        let mustChange: Bool
        let sessions: Int
        let software: Int
        let isSelf: Bool
    }

    struct Handover: Sendable {
        let loginName: String
        let password: String
    }

    let hubOperator = PageText.pick("ハブの運用者", "Hub operator")
    let title = PageText.pick("アカウント", "Accounts")
    let query: String
    let rows: [Row]
    let handover: Handover?
    let error: String?

    init(rows: [Row], query: String, handover: Handover? = nil, error: String? = nil) {
        self.rows = rows
        self.query = query
        self.handover = handover
        self.error = error.map(PageText.side)
    }

    static func role(_ role: Role) -> String {
        switch role {
        case .admin: PageText.pick("事業所管理者", "Office admin")
        case .staff: PageText.pick("事業所職員", "Office staff")
        case .hubOperator: PageText.pick("ハブの運用者", "Hub operator")
        case .municipality: PageText.pick("市区町村", "Municipality")
        case .prefecture: PageText.pick("都道府県", "Prefecture")
        }
    }
}
