// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `partners.mustache`: the office's 連携先 (requests to answer, linked partners, its own open and declined requests)
/// and the office directory's search.
struct PartnersPageModel: Sendable {
    /// A partnership of the office.
    struct Partner: Sendable {
        /// 事業所番号_種類, for the forms' actions.
        let office: String
        let label: String
        let stateLabel: String
        /// Since when, Japan time: 申請日 or 承認日.
        let since: String
        let favourite: Bool
        let canAnswer: Bool
        let canStar: Bool
        /// 解除 / 申請を取り下げる / 表示から消す
        let removeLabel: String
    }

    /// An office the search found.
    struct Found: Sendable {
        let office: String
        let label: String
        let address: String
        /// 連携中 etc.; nil when the office can be asked.
        let standing: String?
        let isSelf: Bool
    }

    /// A partner not on the network.
    struct Paper: Sendable {
        let id: String
        let label: String
        let fax: String
        let address: String
    }

    /// A choice of the service-type filter.
    struct Choice: Sendable {
        let code: String
        let name: String
        let selected: Bool
    }

    var office: OfficeHeader
    let title = PageText.pick("連携先", "Partners")
    let message: String?
    let incoming: [Partner]
    let linked: [Partner]
    let outgoing: [Partner]
    let hasIncoming: Bool
    let hasLinked: Bool
    let hasOutgoing: Bool
    /// What the hub lets the office address.
    let addressingNote: String
    let query: String
    let municipality: String
    let serviceTypes: [Choice]
    let searched: Bool
    let found: [Found]
    let hasFound: Bool
    let truncated: Bool
    let paper: [Paper]
    let hasPaper: Bool
    /// The model regions' part (set by the controller).
    var regions = PartnersRegionSection()

    init(
        office: Office, links: [PartnerLink], addressing: HubConfiguration.Partners.Addressing, message: String?, search: OfficeSearch?,
        found: [Office], truncated: Bool, paper: [PaperPartner] = []
    ) {
        self.office = OfficeHeader(office)
        self.message = message
        func partner(_ link: PartnerLink) -> Partner {
            let standing = PartnerStanding(link.partnership, seenBy: office.id)
            let removeLabel =
                switch standing {
                case .linked: PageText.pick("連携を解除", "Unlink")
                case .requested: PageText.pick("申請を取り下げる", "Withdraw the request")
                case .incoming, .declined, .declinedByYou: PageText.pick("一覧から消す", "Remove from the list")
                }
            return Partner(
                office: link.partner.officeID.description, label: OfficeLabel.text(link.partner), stateLabel: standing.pageLabel,
                since: JapanTime.string(link.partnership.answeredAt ?? link.partnership.requestedAt), favourite: link.partnership.isFavourite(for: office.id),
                canAnswer: standing == .incoming, canStar: standing == .linked, removeLabel: removeLabel)
        }
        let standings = links.map { ($0, PartnerStanding($0.partnership, seenBy: office.id)) }
        self.incoming = standings.filter { $0.1 == .incoming }.map { partner($0.0) }
        // Favourites first, then by 事業所番号 (the store's order).
        self.linked = standings.filter { $0.1 == .linked }.map { partner($0.0) }.enumerated()
            .sorted { ($0.element.favourite ? 0 : 1, $0.offset) < ($1.element.favourite ? 0 : 1, $1.offset) }.map(\.element)
        self.outgoing = standings.filter { [.requested, .declined, .declinedByYou].contains($0.1) }.map { partner($0.0) }
        self.hasIncoming = !self.incoming.isEmpty
        self.hasLinked = !self.linked.isEmpty
        self.hasOutgoing = !self.outgoing.isEmpty
        self.addressingNote =
            addressing == .linkedPartners
            ? PageText.pick(
                "送信できるのは「連携中」の事業所だけです。新しい連携先は下の検索から申請し、相手の承認を待ってください。",
                "Units go to linked partners only. Find a new partner below, request a link and wait for the office to accept.")
            : PageText.pick(
                "このハブでは、登録済みのどの事業所にも送信できます。連携先はよく使う送信先の一覧として使えます。",
                "At this hub, units can go to any registered office; partners are a list of the offices you send to often.")
        self.query = search?.text ?? ""
        self.municipality = search?.municipalityCode ?? ""
        var seen = Set<String>()
        self.serviceTypes = ServiceType.all.filter { seen.insert($0.code).inserted }.map {
            Choice(code: $0.code, name: "\($0.code) \($0.name)", selected: $0.code == search?.serviceType)
        }
        self.searched = search != nil
        let byID = Dictionary(uniqueKeysWithValues: links.map { ($0.partner.id, PartnerStanding($0.partnership, seenBy: office.id)) })
        self.found = found.map {
            Found(
                office: $0.officeID.description, label: OfficeLabel.text($0), address: $0.address, standing: byID[$0.id]?.pageLabel,
                isSelf: $0.id == office.id)
        }
        self.hasFound = !self.found.isEmpty
        self.truncated = truncated
        self.paper = paper.map { partner in
            let type = ServiceType.named(partner.serviceType)?.name ?? partner.serviceType
            return Paper(
                id: String(partner.id),
                label: PageText.pick("\(partner.name)（\(type)・\(partner.number)）", "\(partner.name) (service type \(partner.serviceType), \(partner.number))"), fax: partner.fax, address: partner.address)
        }
        self.hasPaper = !self.paper.isEmpty
    }
}
