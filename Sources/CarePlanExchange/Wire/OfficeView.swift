// CarePlan Link — CarePlanExchange

/// An office as the API names it (`GET /api/v1/offices`, and inside partners): the number and the words.
public struct OfficeView: Codable, Sendable, Hashable {
    /// The hub's number for the office (what `careplan partners … --id` takes).
    public var id: Int64
    /// `事業所番号_サービス種類コード`, as in file names.
    public var office: String
    /// 事業所番号
    public var number: String
    /// サービス種類コード
    public var serviceType: String
    /// サービス種類名 (e.g. 訪問介護); the code when the spec does not name it.
    public var serviceTypeName: String
    /// 事業所名
    public var name: String
    /// 所在地
    public var address: String
    /// 市区町村コード
    public var municipalityCode: String
    /// 「事業所名（サービス種類名・事業所番号）」
    public var label: String
    /// How the asking office stands with this one (`linked`, `requested`, `incoming`, `declined`, `declinedByYou`); nil
    /// when there is nothing between them, or when it is the asking office itself.
    public var partnerState: String?

    public init(
        id: Int64, office: String, number: String, serviceType: String, serviceTypeName: String, name: String, address: String,
        municipalityCode: String, label: String, partnerState: String? = nil
    ) {
        self.id = id
        self.office = office
        self.number = number
        self.serviceType = serviceType
        self.serviceTypeName = serviceTypeName
        self.name = name
        self.address = address
        self.municipalityCode = municipalityCode
        self.label = label
        self.partnerState = partnerState
    }
}

/// The office directory's answer (`GET /api/v1/offices`).
public struct OfficeList: Codable, Sendable, Hashable {
    public var offices: [OfficeView]
    /// True when more offices matched than `limit`: narrow the search.
    public var truncated: Bool

    public init(offices: [OfficeView], truncated: Bool) {
        self.offices = offices
        self.truncated = truncated
    }
}
