// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange

/// `month.mustache`: 今月の連携 (``MonthView``) as a table of user × partner.
struct MonthPageModel: Sendable {
    struct Row: Sendable {
        let partner: String
        /// 氏名 with 被保険者番号, or 「未読の利用票（開くと利用者ごとに表示）」.
        let user: String
        let planUnit: String?
        let planState: String?
        /// 「最新版を受信済」 / 「最新版は未受信」 with what changed.
        let latest: String?
        let latestClass: String
        let changes: [String]
        let resultsUnit: String?
        let resultsState: String?
        /// 「相違なし」, 「相違 3件」, or why nothing was compared.
        let comparison: String
        let comparisonClass: String
        let differences: [String]
        let hasDifferences: Bool
    }

    var office: OfficeHeader
    let title = "今月の連携"
    let month: String
    /// 「2025年6月」
    let monthLabel: String
    let previous: String
    let next: String
    let rows: [Row]
    let hasRows: Bool
    /// Counts for the summary line.
    let summary: String

    init(office: OfficeHeader, view: MonthView, month: YearMonth) {
        self.office = office
        self.month = view.month
        self.monthLabel = "\(month.year)年\(month.month)月"
        let before = month.month == 1 ? YearMonth(year: month.year - 1, month: 12) : YearMonth(year: month.year, month: month.month - 1)
        let after = month.month == 12 ? YearMonth(year: month.year + 1, month: 1) : YearMonth(year: month.year, month: month.month + 1)
        self.previous = before?.description ?? view.month
        self.next = after?.description ?? view.month
        self.rows = view.rows.map { row in
            let user =
                row.insuredNumber.map { number in row.userName.map { "\($0)（\(number)）" } ?? "被保険者番号 \(number)" }
                ?? "未読の送信単位（受信すると利用者ごとに表示します）"
            let latest: String? = row.partnerHasLatestPlan.map { $0 ? "最新版を受信済" : "最新版は未受信" }
            let differences = (row.differences ?? []).map { difference in
                "\(difference.kindLabel) \(difference.day.map { "\($0)日" } ?? "") \(difference.serviceCode) 予定 \(difference.planned.isEmpty ? "なし" : difference.planned) ／ 実績 \(difference.actual.isEmpty ? "なし" : difference.actual)"
            }
            let comparison: String
            let comparisonClass: String
            switch (row.differences, row.results) {
            case (nil, nil) where row.plan?.direction == "paper": (comparison, comparisonClass) = ("紙で送付（実績も紙で）", "state-withdrawn")
            case (let found?, _) where found.isEmpty: (comparison, comparisonClass) = ("相違なし", "state-imported")
            case (let found?, _): (comparison, comparisonClass) = ("相違 \(found.count)件", "state-importRefused")
            case (nil, nil): (comparison, comparisonClass) = (row.plan == nil ? "" : "実績待ち", "state-accepted")
            case (nil, _?): (comparison, comparisonClass) = (row.plan == nil ? "利用票なし" : "実績を受信すると比較します", "state-unread")
            }
            return Row(
                partner: row.partnerName, user: user, planUnit: row.plan?.direction == "paper" ? nil : row.plan?.unitID, planState: row.plan?.stateLabel,
                latest: latest,
                latestClass: row.partnerHasLatestPlan == false ? "state-importRefused" : "state-imported", changes: row.planChanges ?? [],
                resultsUnit: row.results?.unitID, resultsState: row.results?.stateLabel, comparison: comparison, comparisonClass: comparisonClass,
                differences: differences, hasDifferences: !differences.isEmpty)
        }
        self.hasRows = !self.rows.isEmpty
        let users = view.rows.filter { $0.insuredNumber != nil }.count
        let withResults = view.rows.filter { $0.results != nil }.count
        let differing = view.rows.filter { !($0.differences ?? []).isEmpty }.count
        let behind = view.rows.filter { $0.partnerHasLatestPlan == false }.count
        self.summary = "利用者×連携先 \(users)件 ・ 実績あり \(withResults)件 ・ 相違あり \(differing)件 ・ 最新版が未受信 \(behind)件"
    }
}
