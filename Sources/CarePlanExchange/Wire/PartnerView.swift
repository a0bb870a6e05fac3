// CarePlan Link — CarePlanExchange

/// A partner (連携先) as the asking office sees it (`GET /api/v1/partners` and the answers of the partner operations).
public struct PartnerView: Codable, Sendable, Hashable {
    /// The office on the other side.
    public var office: OfficeView
    /// `linked` (連携中), `requested` (申請中: we asked, they have not answered), `incoming` (承認待ち: they asked us),
    /// `declined` (they declined our request), `declinedByYou` (we declined theirs).
    public var state: String
    /// 連携中 / 申請中 / 承認待ち / 辞退されました / 辞退しました
    public var stateLabel: String
    /// お気に入り (ours).
    public var favourite: Bool
    /// ISO 8601 UTC.
    public var requestedAt: String
    public var answeredAt: String?

    public init(office: OfficeView, state: String, stateLabel: String, favourite: Bool, requestedAt: String, answeredAt: String?) {
        self.office = office
        self.state = state
        self.stateLabel = stateLabel
        self.favourite = favourite
        self.requestedAt = requestedAt
        self.answeredAt = answeredAt
    }
}

/// `GET /api/v1/partners`.
public struct PartnerList: Codable, Sendable, Hashable {
    /// Whom the hub lets an office address: `linkedPartners` or `anyRegisteredOffice`.
    public var addressing: String
    public var partners: [PartnerView]

    public init(addressing: String, partners: [PartnerView]) {
        self.addressing = addressing
        self.partners = partners
    }
}

/// The body of `POST /api/v1/partners` (ask an office to link): `office` (`事業所番号_種類`) or `id`.
public struct PartnerRequest: Codable, Sendable, Hashable {
    public var office: String?
    public var id: Int64?

    public init(office: String? = nil, id: Int64? = nil) {
        self.office = office
        self.id = id
    }
}

/// The body of `POST /api/v1/partners/{office}/favourite`.
public struct FavouriteRequest: Codable, Sendable, Hashable {
    public var favourite: Bool

    public init(favourite: Bool) { self.favourite = favourite }
}
