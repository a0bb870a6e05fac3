// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `units.mustache`: the inbox (受信一覧) or the outbox (送信一覧).
struct ListingPageModel: Sendable {
    /// One unit of the list.
    struct Row: Sendable {
        let id: String
        /// What the unit is, in words (``UnitLabel``).
        let label: String
        /// ファイル連番
        let timestamp: String
        /// The other office: 送信元 in the inbox, 送信先 in the outbox.
        let partner: String
        /// The CSS class and the label in the viewer's words (``DeliveryStatus``).
        let stateClass: String
        let stateLabel: String
        /// 受付日時, Japan time.
        let createdAt: String
        /// The sender's warning before expiry: 「期限 12/04 09:00」.
        let expiryWarning: String?
        /// 「3人」 from the user index; nil for units stored before it.
        let users: String?
    }

    /// A choice of a filter's select.
    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The filter form, with what was chosen.
    struct Filters: Sendable {
        let month: String
        let user: String
        let partners: [Choice]
        let states: [Choice]
        let kinds: [Choice]
        /// Whether any filter is set (then 「絞り込みを解除」 shows).
        let active: Bool
        /// The filters as a query string for the next page's link (`&month=…`).
        let query: String

        init(_ query: ListingQuery, partners: [Office]) {
            self.month = query.month ?? ""
            self.user = query.user ?? ""
            self.partners = partners.map {
                Choice(value: $0.officeID.description, label: OfficeLabel.text($0), selected: $0.officeID.description == query.partner)
            }
            self.states = UnitState.allCases.map { Choice(value: $0.rawValue, label: $0.pageLabel, selected: $0.rawValue == query.states) }
            self.kinds = UnitKindGroup.allCases.map { Choice(value: $0.rawValue, label: $0.pageLabel, selected: $0.rawValue == query.kind) }
            self.active = !query.queryString.isEmpty
            self.query = query.queryString
        }
    }

    var office: OfficeHeader
    /// はじめにすること, on the inbox until every step is done.
    var checklist: OnboardingChecklist?
    let title: String
    let description: String
    let partnerLabel: String
    let units: [Row]
    /// Stored, not computed: Mustache reads a model through `Mirror`, which sees stored properties only.
    let hasUnits: Bool
    /// The cursor of the next page, if there is one.
    let next: String?
    let filters: Filters
    /// The listing's own address, for the filter form and its reset.
    let path: String

    init(
        office: Office, inbox: Bool, units: ArraySlice<ListedUnit>, next: String?, hub: Hub, filters: Filters, userCounts: [String: Int]
    ) {
        self.office = OfficeHeader(office)
        self.title = inbox ? PageText.pick("受信一覧", "Inbox") : PageText.pick("送信一覧", "Sent")
        self.description =
            inbox
            ? PageText.pick(
                "この事業所あてに届いた送信単位です。すべてのファイルをダウンロードすると受信済になります。ケアソフトや台帳への取込を終えたら、送信単位の画面で「取込済にする」を押してください。",
                "Units addressed to this office. A unit is received once every file is downloaded. When your care software or ledger has imported it, press “Mark as imported” on the unit's page.")
            : PageText.pick(
                "この事業所が送った送信単位と、相手先での状態（受付済（相手は未読／受信中）・受信済・取込済・取込不可・取り下げ・期限切れ）です。",
                "Units this office sent, and where each stands at the recipient (accepted – unread or being received –, received, imported, import refused, withdrawn, expired).")
        self.partnerLabel = inbox ? PageText.pick("送信元", "Sender") : PageText.pick("送信先", "Recipient")
        self.units = units.map { listed in
            let unit = listed.unit
            let status = DeliveryStatus(listed, viewerIsRecipient: inbox, hub: hub)
            return Row(
                id: unit.id, label: UnitLabel.text(listed.files), timestamp: unit.timestamp,
                partner: OfficeLabel.text(inbox ? listed.sender : listed.recipient), stateClass: status.css, stateLabel: status.label, createdAt: JapanTime.string(unit.createdAt),
                expiryWarning: !inbox && status.expiresSoon ? status.expiresAt.map { PageText.pick("期限 \($0)", "Expires \($0)") } : nil,
                users: userCounts[unit.id].map { PageText.pick("\($0)人", "\($0)") })
        }
        self.hasUnits = !self.units.isEmpty
        self.next = next
        self.filters = filters
        self.path = inbox ? "/web/inbox" : "/web/outbox"
    }
}
