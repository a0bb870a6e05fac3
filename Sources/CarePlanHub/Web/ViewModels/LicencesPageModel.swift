// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `licences.mustache`: the hub operator's 利用期間 page: every office with where it stands and its periods, and the form
/// that adds one.
struct LicencesPageModel: Sendable {
    struct Period: Sendable {
        let id: String
        let kind: String
        let from: String
        let until: String
        let note: String
    }

    struct Row: Sendable {
        let office: String
        let label: String
        let standing: String
        /// Sending refused now.
        let refused: Bool
        let periods: [Period]
    }

    struct Choice: Sendable {
        let value: String
        let label: String
    }

    /// The operator's header line.
    let hubOperator = PageText.pick("ハブの運用者", "Hub operator")
    let title = PageText.pick("利用期間", "Usage periods")
    let message: String?
    let error: String?
    let rows: [Row]
    let kinds: [Choice]
    let graceDays: Int

    init(offices: [Office], periods: [UsagePeriod], now: Double, graceDays: Double, message: String?, error: String?) {
        self.message = message
        self.error = error.map(PageText.side)
        let byOffice = Dictionary(grouping: periods, by: \.officeID)
        self.rows = offices.map { office in
            let own = byOffice[office.id] ?? []
            let standing = UsageStanding(periods: own, at: now, graceDays: graceDays)
            return Row(
                office: office.officeID.description, label: OfficeLabel.text(office), standing: LicenceBook.text(standing), refused: !standing.maySend,
                periods: own.map {
                    Period(id: String($0.id), kind: LicenceBook.label($0.kind), from: JapanTime.date($0.startsAt), until: LicenceBook.lastDay($0.endsAt), note: $0.note)
                })
        }
        self.kinds = UsagePeriod.Kind.allCases.map { Choice(value: $0.rawValue, label: LicenceBook.label($0)) }
        self.graceDays = Int(graceDays)
    }
}
