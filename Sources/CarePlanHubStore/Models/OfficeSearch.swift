// CarePlan Link — CarePlanHubStore

/// What the office directory (事業所検索) is asked: every given condition must hold.
public struct OfficeSearch: Sendable, Hashable {
    /// Part of the 事業所名 or of the 事業所番号.
    public var text: String?
    /// 市区町村コード (6 digits, or its first 5).
    public var municipalityCode: String?
    /// サービス種類コード (2 characters).
    public var serviceType: String?

    public init(text: String? = nil, municipalityCode: String? = nil, serviceType: String? = nil) {
        self.text = text
        self.municipalityCode = municipalityCode
        self.serviceType = serviceType
    }
}
