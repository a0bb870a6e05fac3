// CarePlan Link — CarePlanHubStore

/// One file of a stored unit. The body is stored separately, encrypted, addressed by `sha256`.
public struct UnitFile: Codable, Sendable, Hashable {
    public var unitID: String
    public var name: String
    /// SHA-256 (hex) of the bytes as uploaded.
    public var sha256: String
    public var size: Int
    /// File-name prefix (e.g. `UPPLAN`).
    public var kind: String
    /// When the recipient first downloaded this file (nil while it has not).
    public var downloadedAt: Double?

    public init(unitID: String, name: String, sha256: String, size: Int, kind: String, downloadedAt: Double? = nil) {
        self.unitID = unitID
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.downloadedAt = downloadedAt
    }
}
