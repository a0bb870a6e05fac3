// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `operator-offices.mustache`: the operator's 事業所一覧 (``OfficeDirectory``).
struct OperatorOfficesPageModel: Sendable {
    struct Row: Sendable {
        let office: String
        let label: String
        let municipality: String
        let accounts: Int
        let partners: Int
        let standing: String
        let refused: Bool
        let sent: Int
        let received: Int
        let lastAt: String
    }

    let hubOperator = PageText.pick("ハブの運用者", "Hub operator")
    let title = PageText.pick("事業所", "Offices")
    let query: String
    let rows: [Row]
    let hasRows: Bool
    let total: Int
    /// 「200件を表示（全1,234件）。検索で絞り込んでください。」 when not every match is shown.
    let truncated: String?

    init(entries: [OfficeDirectory.Entry], total: Int, query: String) {
        self.query = query
        self.rows = entries.map { entry in
            Row(
                office: entry.office.officeID.description, label: OfficeLabel.text(entry.office), municipality: entry.office.municipalityCode,
                accounts: entry.accounts, partners: entry.partners, standing: LicenceBook.text(entry.standing), refused: !entry.standing.maySend,
                sent: entry.sent, received: entry.received, lastAt: entry.lastAt.map(JapanTime.string) ?? "—")
        }
        self.hasRows = !entries.isEmpty
        self.total = total
        self.truncated =
            total > entries.count
            ? PageText.pick("\(entries.count)件を表示（全\(total)件）。検索で絞り込んでください。", "Showing \(entries.count) of \(total); narrow the search.") : nil
    }
}
