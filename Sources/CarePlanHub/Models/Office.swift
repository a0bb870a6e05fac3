// CarePlan Link — CarePlanHub
public import CarePlanCSV

/// An office (事業所) registered at the hub: 事業所番号 + サービス種類コード.
public struct Office: Codable, Sendable, Hashable {
    /// Database identifier.
    public var id: Int64
    /// 事業所番号 (10 digits).
    public var number: String
    /// サービス種類コード (2 characters), as in file names.
    public var serviceType: String
    /// 事業所名
    public var name: String
    /// 所在地
    public var address: String
    /// 市区町村コード (the municipality that groups offices).
    public var municipalityCode: String
    /// 連絡先 (phone or e-mail of the person in charge).
    public var contact: String

    public init(id: Int64 = 0, number: String, serviceType: String, name: String, address: String = "", municipalityCode: String = "", contact: String = "") {
        self.id = id
        self.number = number
        self.serviceType = serviceType
        self.name = name
        self.address = address
        self.municipalityCode = municipalityCode
        self.contact = contact
    }

    /// The office as named in file names.
    public var officeID: OfficeID { OfficeID(number: self.number, serviceType: self.serviceType) }
}

/// What an account may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// ハブ運用者: manages offices and accounts; sees no care data.
    case hubOperator = "operator"
    /// 事業所管理者: manages the office's staff and tokens, and exchanges.
    case admin
    /// 職員: exchanges files for the office.
    case staff
}

/// A person who logs in (web) or owns API tokens.
public struct Account: Codable, Sendable, Hashable {
    public var id: Int64
    /// The office, or nil for the hub operator.
    public var officeID: Int64?
    public var loginName: String
    /// bcrypt hash.
    public var passwordHash: String
    public var role: Role
    public var failedLogins: Int
    /// Login is refused until this time after repeated failures (Unix seconds).
    public var lockedUntil: Double?

    public init(id: Int64 = 0, officeID: Int64?, loginName: String, passwordHash: String, role: Role, failedLogins: Int = 0, lockedUntil: Double? = nil) {
        self.id = id
        self.officeID = officeID
        self.loginName = loginName
        self.passwordHash = passwordHash
        self.role = role
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}

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

/// What a credential may be used for.
public enum Scope: String, Codable, Sendable, CaseIterable {
    /// Upload send units, read the outbox.
    case send
    /// Read the inbox, download, acknowledge.
    case receive
    /// Manage the office's accounts and tokens (admins), or the hub (operator).
    case manage
}
