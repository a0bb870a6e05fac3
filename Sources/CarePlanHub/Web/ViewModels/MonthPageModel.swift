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
    let title = PageText.pick("今月の連携", "This month")
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
        self.monthLabel = UnitLabel.month(month.year, month.month)
        let before = month.month == 1 ? YearMonth(year: month.year - 1, month: 12) : YearMonth(year: month.year, month: month.month - 1)
        let after = month.month == 12 ? YearMonth(year: month.year + 1, month: 1) : YearMonth(year: month.year, month: month.month + 1)
        self.previous = before?.description ?? view.month
        self.next = after?.description ?? view.month
        self.rows = view.rows.map { row in
            let user =
                row.insuredNumber.map { number in row.userName.map { PageText.pick("\($0)（\(number)）", "\($0) (\(number))") } ?? PageText.pick("被保険者番号 \(number)", "Insured number \(number)") }
                ?? PageText.pick("未読の送信単位（受信すると利用者ごとに表示します）", "An unread unit (shown per user once received)")
            let latest: String? = row.partnerHasLatestPlan.map { $0 ? PageText.pick("最新版を受信済", "Has the latest") : PageText.pick("最新版は未受信", "Latest not received") }
            let differences = (row.differences ?? []).map { difference in
                PageText.pick(
                    "\(difference.kindLabel) \(difference.day.map { "\($0)日" } ?? "") \(difference.serviceCode) 予定 \(difference.planned.isEmpty ? "なし" : difference.planned) ／ 実績 \(difference.actual.isEmpty ? "なし" : difference.actual)",
                    "\(difference.kind) \(difference.day.map { "day \($0)" } ?? "") \(difference.serviceCode) planned \(difference.planned.isEmpty ? "none" : difference.planned) / actual \(difference.actual.isEmpty ? "none" : difference.actual)")
            }
            let comparison: String
            let comparisonClass: String
            switch (row.differences, row.results) {
            case (nil, nil) where row.plan?.direction == "paper": (comparison, comparisonClass) = (PageText.pick("紙で送付（実績も紙で）", "Sent on paper (results on paper too)"), "state-withdrawn")
            case (let found?, _) where found.isEmpty: (comparison, comparisonClass) = (PageText.pick("相違なし", "No differences"), "state-imported")
            case (let found?, _): (comparison, comparisonClass) = (PageText.pick("相違 \(found.count)件", "\(found.count) differences"), "state-importRefused")
            case (nil, nil): (comparison, comparisonClass) = (row.plan == nil ? "" : PageText.pick("実績待ち", "Waiting for results"), "state-accepted")
            case (nil, _?): (comparison, comparisonClass) = (row.plan == nil ? PageText.pick("利用票なし", "No use plan") : PageText.pick("実績を受信すると比較します", "Compared once the results are received"), "state-unread")
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
        self.summary = PageText.pick(
            "利用者×連携先 \(users)件 ・ 実績あり \(withResults)件 ・ 相違あり \(differing)件 ・ 最新版が未受信 \(behind)件",
            "User × partner: \(users) · with results: \(withResults) · with differences: \(differing) · latest plan not received: \(behind)")
    }
}
