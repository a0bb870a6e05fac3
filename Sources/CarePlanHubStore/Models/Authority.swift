// CarePlan Link — CarePlanHubStore

/// A local authority with accounts at the hub (自治体): a municipality (市区町村) that builds model regions, or a
/// prefecture (都道府県) that looks over the regions of its municipalities. Its accounts see counts and office-level
/// facts, never file contents or users.
public struct Authority: Codable, Sendable, Hashable {
    /// 自治体の種類
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// 市区町村
        case municipality
        /// 都道府県
        case prefecture
    }

    public var id: Int64
    public var kind: Kind
    /// 市区町村コード (6 digits, JIS X 0401/0402 with its check digit) or 都道府県コード (2 digits).
    public var code: String
    /// 自治体名, e.g. 「千代田区」.
    public var name: String

    public init(id: Int64 = 0, kind: Kind, code: String, name: String) {
        self.id = id
        self.kind = kind
        self.code = code
        self.name = name
    }

    /// 都道府県コード: the first two digits of either kind of code.
    public var prefectureCode: String { String(self.code.prefix(2)) }
}
