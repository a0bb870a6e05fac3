// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// `region.mustache`: a local authority's view of its model regions. The list of regions (a prefecture's with their
/// numbers), and for the chosen one its dashboard (``RegionDashboard``); for the municipality that runs it, also the
/// forms that invite and remove offices, propose links and edit the estimate. Counts and office-level facts only.
struct RegionPageModel: Sendable {
    struct RegionLink: Sendable {
        let id: String
        let name: String
        let selected: Bool
        /// The prefecture's overview: its municipality and numbers.
        let municipality: String
        let joined: Int
        let active: Int
        let units: Int
        let qualifying: Int
    }

    struct Count: Sendable {
        let label: String
        let value: Int
        let id: String
    }

    struct MonthRow: Sendable {
        let month: String
        let cells: [Int]
        let total: Int
    }

    struct OfficeRow: Sendable {
        let label: String
        let linked: Int
        let partners: Int
        let sent: Int
        let addressed: Int
        let active: String
        let qualifies: Bool
    }

    struct SubsidyRow: Sendable {
        let label: String
        let count: Int
        /// 「佐藤居宅（1310…）、…」
        let partners: String
        let short: String
    }

    struct Member: Sendable {
        /// 事業所番号_種類, for the forms.
        let office: String
        let label: String
        let state: String
        let since: String
        let joined: Bool
    }

    struct Proposal: Sendable {
        let first: String
        let second: String
        let state: String
        let since: String
    }

    struct Found: Sendable {
        let office: String
        let label: String
        let address: String
        /// 招待中 / 参加 …; nil when it can be invited.
        let standing: String?
    }

    struct Parameter: Sendable {
        let name: String
        let label: String
        let value: String
        let unit: String
        /// 「時給（人件費）（円）」 (stored: Mustache sees stored properties only).
        let labelWithUnit: String

        init(name: String, label: String, value: String, unit: String) {
            self.name = name
            self.label = label
            self.value = value
            self.unit = unit
            self.labelWithUnit = PageText.pick("\(label)（\(unit)）", "\(label) (\(unit))")
        }
    }

    struct Year: Sendable {
        let value: Int
        let label: String
        let selected: Bool
    }

    var authority: AuthorityHeader
    let title = PageText.pick("地域の状況", "Regions")
    let message: String?
    let error: String?
    let isPrefecture: Bool
    let canCreate: Bool
    let regions: [RegionLink]
    let hasRegions: Bool
    let hasDashboard: Bool
    let manages: Bool
    let regionID: String
    let regionName: String
    let fiscalYear: String
    let fiscalYearValue: Int
    let years: [Year]
    let counts: [Count]
    let chart: RegionChart?
    let kinds: [String]
    let monthRows: [MonthRow]
    let offices: [OfficeRow]
    let hasOffices: Bool
    let border: [Count]
    let qualifying: [SubsidyRow]
    let near: [SubsidyRow]
    let hasQualifying: Bool
    let hasNear: Bool
    let threshold = SubsidyList.threshold
    /// 「（5事業所以上と連携）」
    let thresholdNote = PageText.pick("（\(SubsidyList.threshold)事業所以上と連携）", "(\(SubsidyList.threshold) or more partner offices)")
    /// 「月別の送信単位（2026年度）」
    let monthsTitle: String
    let parameters: [Parameter]
    let formula: String
    let perOffice: String
    let total: String
    /// 「（3事業所、1,440時間）」
    let estimateDetail: String
    /// An active member's タイムスタディ, which the total uses instead of the defaults.
    struct Study: Sendable {
        let label: String
        /// Minutes saved a month.
        let minutes: String
        let sheets: String
        let yen: String
        let measuredOn: String
    }

    let studies: [Study]
    let hasStudies: Bool
    let national: String
    let members: [Member]
    let joinedMembers: [Member]
    let hasMembers: Bool
    let proposals: [Proposal]
    let hasProposals: Bool
    let query: String
    let searched: Bool
    let found: [Found]
    let hasFound: Bool

    struct Inputs: Sendable {
        var viewer: RegionViewer
        var regions: [Region]
        var overview: [Int64: RegionDashboard] = [:]
        var authorities: [Int64: Authority] = [:]
        var dashboard: RegionDashboard?
        var members: [RegionMemberOffice] = []
        var proposals: [LinkProposal] = []
        /// The offices the proposals name (a removed member's too).
        var proposalOffices: [Int64: Office] = [:]
        var estimate = SavingsEstimate.Parameters()
        /// タイムスタディ of the region's members that entered one.
        var studies: [Int64: TimeStudy] = [:]
        var query: String?
        var found: [Office] = []
        var now: Double
        var message: String?
        var error: String?
    }

    init(_ inputs: Inputs) {
        let viewer = inputs.viewer
        self.authority = AuthorityHeader(viewer.authority)
        self.message = inputs.message
        self.error = inputs.error.map(PageText.side)
        self.isPrefecture = viewer.authority.kind == .prefecture
        self.canCreate = viewer.authority.kind == .municipality
        let dashboard = inputs.dashboard
        self.regions = inputs.regions.map { region in
            let numbers = inputs.overview[region.id]
            return RegionLink(
                id: String(region.id), name: region.name, selected: region.id == dashboard?.region.id,
                municipality: inputs.authorities[region.authorityID]?.name ?? "", joined: numbers?.joined ?? 0, active: numbers?.active ?? 0,
                units: numbers?.units ?? 0, qualifying: numbers?.subsidy.qualifying.count ?? 0)
        }
        self.hasRegions = !inputs.regions.isEmpty
        self.hasDashboard = dashboard != nil
        self.manages = dashboard.map { viewer.manages($0.region) } ?? false
        self.regionID = dashboard.map { String($0.region.id) } ?? ""
        self.regionName = dashboard?.region.name ?? ""
        let year = dashboard?.fiscalYear ?? FiscalYear(containing: inputs.now)
        self.fiscalYear = PageText.pick(year.japanese, year.english)
        self.fiscalYearValue = year.year
        let current = FiscalYear(containing: inputs.now).year
        self.years = (min(year.year, max(2024, current - 4))...max(current, year.year)).reversed().map { Year(value: $0, label: PageText.pick("\($0)年度", "FY\($0)"), selected: $0 == year.year) }
        self.counts =
            dashboard.map { numbers in
                [
                    Count(label: PageText.pick("招待中", "Invited"), value: numbers.invited, id: "invited"),
                    Count(label: PageText.pick("参加", "Joined"), value: numbers.joined, id: "joined"),
                    Count(label: PageText.pick("稼働（30日以内に送受信）", "Active (sent or received in 30 days)"), value: numbers.active, id: "active"),
                    Count(label: PageText.pick("辞退", "Declined"), value: numbers.declined, id: "declined"),
                    Count(label: PageText.pick("年度の送信単位", "Units this year"), value: numbers.units, id: "units"),
                ]
            } ?? []
        self.monthsTitle = PageText.pick("月別の送信単位（\(year.japanese)）", "Units per month (\(year.english))")
        let monthsTitle = self.monthsTitle
        self.chart = dashboard.map { RegionChart(months: $0.months, title: monthsTitle) }
        self.kinds = ExchangeKind.allCases.map { PageText.pick($0.japanese, $0.english) }
        self.monthRows =
            dashboard?.months.map { month in
                MonthRow(month: RegionChart.monthLabel(month.month), cells: ExchangeKind.allCases.map { month.units[$0] ?? 0 }, total: month.total)
            } ?? []
        let qualifyingIDs = Set(dashboard?.subsidy.qualifying.map(\.office.id) ?? [])
        self.offices =
            dashboard?.offices.map { row in
                OfficeRow(
                    label: OfficeLabel.text(row.office), linked: row.linkedPartners, partners: row.exchangePartners, sent: row.sent, addressed: row.addressed,
                    active: row.active ? PageText.pick("稼働", "Active") : PageText.pick("—", "—"), qualifies: qualifyingIDs.contains(row.office.id))
            } ?? []
        self.hasOffices = !self.offices.isEmpty
        self.border =
            dashboard.map { numbers in
                [
                    Count(label: PageText.pick("地域内の事業所どうし", "Between members"), value: numbers.inside, id: "inside"),
                    Count(label: PageText.pick("地域外の事業所へ送信", "Sent to offices outside"), value: numbers.outgoing, id: "outgoing"),
                    Count(label: PageText.pick("地域外の事業所から受信", "From offices outside"), value: numbers.incoming, id: "incoming"),
                ]
            } ?? []
        func subsidyRow(_ entry: SubsidyList.Entry) -> SubsidyRow {
            SubsidyRow(
                label: OfficeLabel.text(entry.office), count: entry.partners.count,
                partners: entry.partners.map { PageText.pick("\($0.name)（\($0.number)）", "\($0.name) (\($0.number))") }.joined(separator: PageText.pick("、", ", ")),
                short: PageText.pick("あと\(SubsidyList.threshold - entry.partners.count)事業所", "\(SubsidyList.threshold - entry.partners.count) more"))
        }
        self.qualifying = dashboard?.subsidy.qualifying.map(subsidyRow) ?? []
        self.near = dashboard?.subsidy.near.map(subsidyRow) ?? []
        self.hasQualifying = !self.qualifying.isEmpty
        self.hasNear = !self.near.isEmpty

        let parameters = inputs.estimate
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        self.parameters = [
            Parameter(name: "minutesOnPaper", label: PageText.pick("1枚あたりの作業時間（FAX・郵送）", "Minutes a sheet by FAX or post"), value: number(parameters.minutesOnPaper), unit: PageText.pick("分", "min")),
            Parameter(name: "minutesOnline", label: PageText.pick("1枚あたりの作業時間（データ連携）", "Minutes a sheet online"), value: number(parameters.minutesOnline), unit: PageText.pick("分", "min")),
            Parameter(name: "sheetsPerMonth", label: PageText.pick("1事業所の月あたりの枚数", "Sheets a month per office"), value: number(parameters.sheetsPerMonth), unit: PageText.pick("枚", "sheets")),
            Parameter(name: "hourlyCost", label: PageText.pick("時給（人件費）", "Hourly staff cost"), value: number(parameters.hourlyCost), unit: PageText.pick("円", "yen")),
            Parameter(name: "costPerSheet", label: PageText.pick("1枚あたりの送付費（通信費・郵送料・用紙）", "Sending cost a sheet (line, postage, paper)"), value: number(parameters.costPerSheet), unit: PageText.pick("円", "yen")),
        ]
        let activeRows = dashboard?.offices.filter(\.active) ?? []
        let measured = activeRows.compactMap { row in inputs.studies[row.office.id].map { (row.office, $0) } }
        let estimate = SavingsEstimate(parameters: parameters, offices: dashboard?.active ?? 0, studies: measured.map(\.1))
        self.studies = measured.map { office, study in
            Study(
                label: OfficeLabel.text(office), minutes: Self.grouped(Int(study.minutesSavedPerMonth.rounded())), sheets: number(study.sheetsPerMonth),
                yen: Self.yen(study.yenPerYear(hourlyCost: parameters.hourlyCost, costPerSheet: parameters.costPerSheet)), measuredOn: study.measuredOn)
        }
        self.hasStudies = !measured.isEmpty
        self.formula = PageText.pick(
            "年間削減額（1事業所）＝ 12か月 × \(number(parameters.sheetsPerMonth))枚 × （(\(number(parameters.minutesOnPaper))分 − \(number(parameters.minutesOnline))分) ÷ 60 × \(number(parameters.hourlyCost))円 ＋ \(number(parameters.costPerSheet))円）",
            "Yearly saving per office = 12 months × \(number(parameters.sheetsPerMonth)) sheets × ((\(number(parameters.minutesOnPaper)) − \(number(parameters.minutesOnline))) min ÷ 60 × \(number(parameters.hourlyCost)) yen + \(number(parameters.costPerSheet)) yen)")
        self.perOffice = Self.yen(estimate.yenPerOfficeYear)
        self.total = Self.yen(estimate.yenTotal)
        self.estimateDetail = PageText.pick(
            "（\(estimate.offices)事業所、\(Self.grouped(estimate.hoursTotal))時間）", "(\(estimate.offices) offices, \(Self.grouped(estimate.hoursTotal)) hours)")
        self.national = Self.yen(SavingsEstimate.nationalYenPerOfficeYear)

        let offices = Dictionary(uniqueKeysWithValues: inputs.members.map { ($0.office.id, $0.office) }).merging(inputs.proposalOffices) { member, _ in member }
        self.members = inputs.members.map { member in
            Member(
                office: member.office.officeID.description, label: OfficeLabel.text(member.office), state: Self.stateLabel(member.member.state),
                since: JapanTime.string(member.member.answeredAt ?? member.member.invitedAt), joined: member.member.state == .joined)
        }
        self.joinedMembers = self.members.filter(\.joined)
        self.hasMembers = !self.members.isEmpty
        self.proposals = inputs.proposals.map { proposal in
            let first = offices[proposal.firstOfficeID].map(OfficeLabel.text) ?? "?"
            let second = offices[proposal.secondOfficeID].map(OfficeLabel.text) ?? "?"
            let state: String =
                switch proposal.state {
                case .open:
                    proposal.firstAccepted || proposal.secondAccepted
                        ? PageText.pick("回答待ち（一方が承認済）", "Waiting (one office accepted)") : PageText.pick("回答待ち", "Waiting")
                case .accepted: PageText.pick("成立（連携中）", "Accepted (linked)")
                case .declined: PageText.pick("不成立", "Declined")
                }
            return Proposal(first: first, second: second, state: state, since: JapanTime.string(proposal.answeredAt ?? proposal.proposedAt))
        }
        self.hasProposals = !self.proposals.isEmpty
        self.query = inputs.query ?? ""
        self.searched = inputs.query != nil
        let standing = Dictionary(uniqueKeysWithValues: inputs.members.map { ($0.office.id, Self.stateLabel($0.member.state)) })
        self.found = inputs.found.map { office in
            Found(
                office: office.officeID.description, label: OfficeLabel.text(office), address: office.address,
                standing: standing[office.id].flatMap { $0 == Self.stateLabel(.declined) ? nil : $0 })
        }
        self.hasFound = !self.found.isEmpty
    }

    static func stateLabel(_ state: RegionMember.State) -> String {
        switch state {
        case .invited: PageText.pick("招待中", "Invited")
        case .joined: PageText.pick("参加", "Joined")
        case .declined: PageText.pick("辞退", "Declined")
        }
    }

    /// 「268,800円」 / "268,800 yen"
    static func yen(_ value: Int) -> String {
        PageText.pick("\(Self.grouped(value))円", "\(Self.grouped(value)) yen")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
