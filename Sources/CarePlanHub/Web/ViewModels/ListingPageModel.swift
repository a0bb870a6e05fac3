// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `units.mustache`: the inbox (受信一覧) or the outbox (送信一覧).
struct ListingPageModel: Sendable {
    /// One unit of the list.
    struct Row: Sendable {
        let id: String
        /// ファイル連番
        let timestamp: String
        /// The other office: 送信元 in the inbox, 送信先 in the outbox.
        let partner: String
        let pattern: String
        let fileCount: Int
        let state: String
        let stateLabel: String
        /// 受付日時, Japan time.
        let createdAt: String
    }

    let office: OfficeHeader
    let title: String
    let description: String
    let partnerLabel: String
    let units: [Row]
    /// Stored, not computed: Mustache reads a model through `Mirror`, which sees stored properties only.
    let hasUnits: Bool
    /// The cursor of the next page, if there is one.
    let next: String?

    init(office: Office, inbox: Bool, units: ArraySlice<ListedUnit>, next: String?) {
        self.office = OfficeHeader(office)
        self.title = inbox ? "受信一覧" : "送信一覧"
        self.description =
            inbox
            ? "この事業所あてに届いた送信単位です。ファイルを保存したら「取込済にする」を押してください。"
            : "この事業所が送った送信単位と、相手先での状態（受付済・受信済・取込済・期限切れ）です。"
        self.partnerLabel = inbox ? "送信元" : "送信先"
        self.units = units.map { listed in
            let unit = listed.unit
            return Row(
                id: unit.id, timestamp: unit.timestamp, partner: (inbox ? listed.sender : listed.recipient).officeID.description, pattern: unit.pattern,
                fileCount: listed.files.count, state: unit.state.rawValue, stateLabel: unit.state.japanese, createdAt: JapanTime.string(unit.createdAt))
        }
        self.hasUnits = !self.units.isEmpty
        self.next = next
    }
}
