// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `operator-audit.mustache`: 監査ログの検索, newest first, 100 a page.
struct OperatorAuditPageModel: Sendable {
    struct Row: Sendable {
        let sequence: String
        let time: String
        let actor: String
        let office: String
        let action: String
        let subject: String
    }

    let hubOperator = PageText.pick("ハブの運用者", "Hub operator")
    let title = PageText.pick("監査ログ", "Audit log")
    let action: String
    /// Not `office`: the header partial shows an office's navigation for a property of that name.
    let officeFilter: String
    let actor: String
    let subject: String
    let from: String
    let to: String
    let rows: [Row]
    let hasRows: Bool
    /// The next page's query, when there may be one.
    let next: String?
    let error: String?

    static let pageSize = 100

    init(query: AuditQuery, entries: [AuditEntry], error: String? = nil) {
        (self.action, self.officeFilter, self.actor, self.subject, self.from, self.to) = (query.action, query.office, query.actor, query.subject, query.from, query.to)
        let shown = entries.prefix(Self.pageSize)
        self.rows = shown.map { entry in
            Row(
                sequence: String(entry.sequence), time: JapanTime.string(entry.time), actor: entry.actor, office: entry.office ?? "", action: entry.action,
                subject: entry.subject)
        }
        self.hasRows = !shown.isEmpty
        let filters = query.queryString
        self.next = entries.count > Self.pageSize ? shown.last.map { (filters.isEmpty ? "" : filters + "&") + "before=\($0.sequence)" } : nil
        self.error = error.map(PageText.side)
    }
}
