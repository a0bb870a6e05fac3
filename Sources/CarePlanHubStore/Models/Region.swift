// CarePlan Link — CarePlanHubStore

/// A model region (モデル地域): a group of offices a municipality builds so that they exchange with each other.
public struct Region: Codable, Sendable, Hashable {
    public var id: Int64
    /// The municipality (``Authority``) that made it and manages it.
    public var authorityID: Int64
    /// 地域名, e.g. 「千代田モデル地域」.
    public var name: String
    public var createdAt: Double
    /// The parameters of the region's savings estimate (試算の前提), JSON the hub reads; nil for the hub's defaults.
    public var estimate: String?

    public init(id: Int64 = 0, authorityID: Int64, name: String, createdAt: Double, estimate: String? = nil) {
        self.id = id
        self.authorityID = authorityID
        self.name = name
        self.createdAt = createdAt
        self.estimate = estimate
    }
}
