// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `applications.mustache`: the deciders' 利用申請 pages: the list, one application with its approval and rejection
/// forms, and the approval's result with the first administrator's one-time password.
struct ApplicationsPageModel: Sendable {
    struct Row: Sendable {
        let id: String
        let submitted: String
        let office: String
        let municipality: String
        let state: String
        let stateClass: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        /// お試し is offered first: what most new offices start with.
        let selected: Bool
    }

    /// One application in full.
    struct Detail: Sendable {
        let id: String
        let submitted: String
        let office: String
        let number: String
        let serviceType: String
        let address: String
        let municipality: String
        let contactName: String
        let contact: String
        let state: String
        let stateClass: String
        let pending: Bool
        let decided: String?
        let note: String?
        /// The 事業所番号's prefecture (its first two digits) is not the 市区町村コード's.
        let prefectureMismatch: Bool
        /// Other pending applications for the same office (受付番号), which an approval declines.
        let siblings: String?
        /// The approval form's suggestions.
        let loginName: String
        let today: String
        let trialUntil: String
    }

    /// What an approval hands over, once.
    struct Handover: Sendable {
        let office: String
        let loginName: String
        let password: String
        let period: String?
    }

    let title = PageText.pick("利用申請", "Applications")
    /// The operator's header line; a municipality's is `authority`.
    let hubOperator: String?
    let authority: AuthorityHeader?
    let message: String?
    let error: String?
    let rows: [Row]?
    /// The list page (not one application).
    let list: Bool
    let hasRows: Bool
    let pendingCount: Int
    let detail: Detail?
    let kinds: [Choice]
    let handover: Handover?

    init(list applications: [UsageApplication], decider: ApplicationBook.Decider, header: AuthorityHeader?, message: String?) {
        (self.hubOperator, self.authority) = Self.headers(decider, header)
        self.message = message
        self.error = nil
        self.rows = applications.map { application in
            Row(
                id: String(application.id), submitted: JapanTime.string(application.submittedAt), office: Self.office(application),
                municipality: application.municipalityCode, state: Self.state(application.state), stateClass: Self.stateClass(application.state))
        }
        self.list = true
        self.hasRows = !applications.isEmpty
        self.pendingCount = applications.count(where: { $0.state == .pending })
        self.detail = nil
        self.kinds = []
        self.handover = nil
    }

    init(
        detail application: UsageApplication, decider: ApplicationBook.Decider, header: AuthorityHeader?, now: Double, error: String?, office: Office?,
        siblings: [UsageApplication] = []
    ) {
        (self.hubOperator, self.authority) = Self.headers(decider, header)
        self.message = nil
        self.error = error.map(PageText.side)
        self.rows = nil
        (self.list, self.hasRows) = (false, false)
        self.pendingCount = 0
        let decided = application.decidedAt.map { JapanTime.string($0) }
        self.detail = Detail(
            id: String(application.id), submitted: JapanTime.string(application.submittedAt), office: application.officeName,
            number: application.officeNumber, serviceType: "\(application.serviceType) \(ServiceType.named(application.serviceType)?.name ?? "")",
            address: application.address, municipality: application.municipalityCode, contactName: application.contactName, contact: application.contact,
            state: Self.state(application.state) + (office.map { "（\(OfficeLabel.text($0))）" } ?? ""), stateClass: Self.stateClass(application.state),
            pending: application.state == .pending, decided: decided, note: application.decisionNote.isEmpty ? nil : application.decisionNote,
            prefectureMismatch: application.officeNumber.prefix(2) != application.municipalityCode.prefix(2),
            siblings: siblings.isEmpty || application.state != .pending ? nil : siblings.map { String($0.id) }.joined(separator: ", "),
            loginName: ApplicationBook.suggestedLoginName(application), today: JapanTime.date(now), trialUntil: JapanTime.date(now + 89 * 86_400))
        self.kinds = decider.kinds.map { Choice(value: $0.rawValue, label: LicenceBook.label($0), selected: $0 == .trial) }
        self.handover = nil
    }

    init(approval: ApplicationBook.Approval, decider: ApplicationBook.Decider, header: AuthorityHeader?) {
        (self.hubOperator, self.authority) = Self.headers(decider, header)
        self.message = PageText.pick("申請を承認し、事業所と管理者アカウントを作成しました。", "Approved: the office and its administrator account were created.")
        self.error = nil
        self.rows = nil
        (self.list, self.hasRows) = (false, false)
        self.pendingCount = 0
        self.detail = nil
        self.kinds = []
        self.handover = Handover(
            office: OfficeLabel.text(approval.office), loginName: approval.account.loginName, password: approval.password,
            period: approval.period.map { period in
                let (from, until) = (JapanTime.date(period.startsAt), LicenceBook.lastDay(period.endsAt))
                return "\(LicenceBook.label(period.kind)) " + PageText.pick("\(from)〜\(until)", "\(from) to \(until)")
            })
    }

    private static func headers(_ decider: ApplicationBook.Decider, _ header: AuthorityHeader?) -> (String?, AuthorityHeader?) {
        decider.municipalityCode == nil ? (PageText.pick("ハブの運用者", "Hub operator"), nil) : (nil, header)
    }

    private static func office(_ application: UsageApplication) -> String {
        let type = ServiceType.named(application.serviceType)?.name ?? application.serviceType
        return PageText.pick(
            "\(application.officeName)（\(type)・\(application.officeNumber)）", "\(application.officeName) (service type \(application.serviceType), \(application.officeNumber))")
    }

    static func state(_ state: UsageApplication.State) -> String {
        switch state {
        case .pending: PageText.pick("審査中", "Pending")
        case .approved: PageText.pick("承認済", "Approved")
        case .rejected: PageText.pick("却下", "Declined")
        }
    }

    private static func stateClass(_ state: UsageApplication.State) -> String {
        switch state {
        case .pending: "state-unread"
        case .approved: "state-imported"
        case .rejected: "state-withdrawn"
        }
    }
}
