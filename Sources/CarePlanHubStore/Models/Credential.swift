// CarePlan Link — CarePlanHubStore

/// A credential: an API token for the システム連携API, a login session (only the secret's SHA-256 is stored), or a client
/// certificate issued by the hub's CA (stored by the SHA-256 of its DER encoding).
public struct Credential: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case apiToken = "token"
        /// A session from `POST /api/v1/login`, used as a bearer token.
        case session
        /// A web UI session (the cookie); never accepted by the API.
        case webSession = "web"
        /// 電子証明書に相当するクライアント証明書
        case certificate
    }

    public var id: Int64
    public var accountID: Int64
    public var kind: Kind
    /// SHA-256 (hex) of the secret, or of the certificate's DER encoding.
    public var secretHash: String
    /// A label for listing (never the secret).
    public var label: String
    /// Allowed scopes, e.g. `send`, `receive`.
    public var scopes: [Scope]
    public var createdAt: Double
    public var expiresAt: Double
    public var revokedAt: Double?

    public init(
        id: Int64 = 0, accountID: Int64, kind: Kind, secretHash: String, label: String, scopes: [Scope], createdAt: Double, expiresAt: Double,
        revokedAt: Double? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.secretHash = secretHash
        self.label = label
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}
