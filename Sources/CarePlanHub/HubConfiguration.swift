// CarePlan Link — CarePlanHub
import CarePlanHubStore
public import CarePlanMail
import Foundation

/// Everything `careplan serve` is configured with. Read from a JSON file (`hub.json` in the data folder, written by
/// `careplan admin init`); command-line flags override host, port and data folder.
///
/// Keys of the JSON file: `host` (default `127.0.0.1`), `port` (8080), `encryptionKey` (base64, 32 bytes — required),
/// `signingKey` (base64 Ed25519, 32 bytes — required), `database` (none: `hub.sqlite` in the data folder; or
/// `postgres://user:password@host:port/database?sslmode=disable|verify-full&sslrootcert=FILE&schema=NAME`), `limits.maxFileBytes` (10 MiB), `limits.maxFilesPerUnit` (200), `limits.maxUnitsPerBatch` (200), `limits.maxFilesPerBatch` (2000),
/// `limits.maxRequestBytes` (64 MiB), `limits.requestsPerMinute` (600 per office), `limits.concurrentUploadsPerOffice` (2),
/// `limits.concurrentUploads` (8), `limits.maxConnections` (512), `limits.maxHeaderBytes` (16 KiB),
/// `limits.headerTimeoutSeconds` (10), `limits.bodyTimeoutSeconds` (300), `limits.idleTimeoutSeconds` (60),
/// `retention.unreadDays` (30), `retention.readDays` (7), `retention.expiryWarningDays` (3), `retention.intervalSeconds` (3600), `auth.tokenDays` (365),
/// `auth.sessionHours` (8), `auth.freeLoginAttempts` (5 per login name and address), `auth.freeAttemptsPerAddress` (20),
/// `auth.maxLoginDelaySeconds` (900), `auth.trustedProxies` ([]),
/// `auth.certificateDays` (825), `auth.secureCookies` (HTTPS only), `audit.checkpointSeconds` (300),
/// `audit.checkpointFile` (none; relative to the configuration file's folder), `partners.addressing`
/// (`linkedPartners`: units only to linked 連携先; `anyRegisteredOffice`: to any office at the hub), `notifications.enabled`
/// (false), `notifications.from`, `notifications.fromName`, `notifications.hubURL`, `notifications.intervalSeconds` (60),
/// `licences.graceDays` (30), `licences.warningDays` (30), `notifications.maxAttempts` (12), `notifications.lookbackHours` (24), `notifications.smtp.host`, `.port` (587),
/// `.security` (`startTLS`, `tls` or `none`), `.username`, `.password`, `.heloName`, `.timeoutSeconds` (30), `.caFile`, `caKey` (base64 P-256: the hub's
/// certificate authority for client certificates), `tls.certificateFile` / `tls.privateKeyFile` (PEM, relative to the
/// configuration file's folder; when set the hub serves HTTPS and accepts client certificates issued by its CA).
public struct HubConfiguration: Codable, Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// AES-256-GCM key for file bodies at rest (base64).
    public var encryptionKey: String?
    /// Ed25519 private key that signs receipts (base64).
    public var signingKey: String?
    /// P-256 key of the hub's certificate authority (base64); without it client-certificate login is off.
    public var caKey: String?
    /// HTTPS: the server certificate and key. Nil serves plain HTTP (behind a TLS-terminating proxy, or for local use).
    public var tls: TLS?
    public var limits = Limits()
    public var retention = Retention()
    public var auth = Auth()
    public var audit = Audit()
    public var partners = Partners()
    public var notifications = Notifications()
    public var licences = Licences()
    /// The database: nil for the embedded SQLite file `hub.sqlite` in the data folder; a `postgres://` URL for
    /// PostgreSQL, where several hub processes share one database and the folder keeps only the configuration.
    public var database: String?

    public struct Limits: Codable, Sendable {
        public var maxFileBytes = 10 << 20
        public var maxFilesPerUnit = 200
        /// Send units in one batch (`POST /api/v1/batches`, the web's folder upload).
        public var maxUnitsPerBatch = 200
        /// Files in one batch.
        public var maxFilesPerBatch = 2_000
        public var maxRequestBytes = 64 << 20
        /// Requests per minute per office (token bucket).
        public var requestsPerMinute = 600
        /// Uploads one office may have in progress at once; more get 429. Bounds the memory one office can hold.
        public var concurrentUploadsPerOffice = 2
        /// Uploads in progress over all offices.
        public var concurrentUploads = 8
        /// Open connections; further ones wait in the listen backlog until one closes.
        public var maxConnections = 512
        /// All request header lines together.
        public var maxHeaderBytes = 16 << 10
        /// A new connection must have sent its request head within this time, or it is closed.
        public var headerTimeoutSeconds = 10.0
        /// A request's body must have arrived within this time (uploads answer 408; other requests are closed).
        public var bodyTimeoutSeconds = 300.0
        /// A connection with nothing to read or write for this long is closed.
        public var idleTimeoutSeconds = 60.0
        public init() {}
    }

    public struct Retention: Codable, Sendable {
        /// Units not completely downloaded within this many days expire (期限切れ); their files stay `readDays` more,
        /// for the sender's re-send, then go.
        public var unreadDays = 30.0
        /// Files of units downloaded this many days ago are deleted (the unit and its receipts stay); an expired unit's
        /// files are kept as long, so that its sender can send them again.
        public var readDays = 7.0
        /// The sender is warned this many days before an unread unit expires.
        public var expiryWarningDays = 3.0
        /// How often the purge job runs.
        public var intervalSeconds = 3600.0
        public init() {}
    }

    public struct Auth: Codable, Sendable {
        public var tokenDays = 365.0
        public var sessionHours = 8.0
        /// Password attempts per login name and client address before delays start (1 s, doubling).
        public var freeLoginAttempts = 5
        /// Attempts per client address over all login names before delays start.
        public var freeAttemptsPerAddress = 20
        /// The longest delay between attempts.
        public var maxLoginDelaySeconds = 900.0
        /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (the last address it lists).
        public var trustedProxies: [String] = []
        /// Validity of client certificates issued by `careplan admin issue-cert`.
        public var certificateDays = 825.0
        /// Mark the web session cookie `Secure`. Nil: only when the hub serves HTTPS itself; set true behind a
        /// TLS-terminating proxy.
        public var secureCookies: Bool? = nil
        public init() {}
    }

    public struct Audit: Codable, Sendable {
        /// How often the hub signs a checkpoint of the audit chain head (also at shutdown).
        public var checkpointSeconds = 300.0
        /// A file to which every checkpoint is appended as one line of JSON (relative to the configuration file's
        /// folder). Keep a copy elsewhere: that copy is what shows a later truncation.
        public var checkpointFile: String?
        public init() {}
    }

    /// 利用期間: how the hub treats an office's usage periods (only offices with periods are bound by them).
    public struct Licences: Codable, Sendable {
        /// Days after the last period's end during which the office may still receive (not send).
        public var graceDays = 30.0
        /// Days before the end from which every office page warns.
        public var warningDays = 30.0
        public init() {}
    }

    /// 連携先: whom an office may address.
    public struct Partners: Codable, Sendable {
        public enum Addressing: String, Codable, Sendable {
            /// Only offices linked as partners (a request accepted): the default.
            case linkedPartners
            /// Any office registered at the hub, as the national system allows.
            case anyRegisteredOffice
        }

        public var addressing = Addressing.linkedPartners
        public init() {}
    }

    /// メール通知: e-mail to an office's address for new arrivals, 取込不可 and coming expiry. Off by default.
    public struct Notifications: Codable, Sendable {
        public var enabled = false
        /// The sender address of the mails.
        public var from = ""
        /// The name shown beside it.
        public var fromName = "CarePlan Link"
        /// The hub's address as offices open it (`https://hub.example.jp`), for the links in the mails; none without it.
        public var hubURL = ""
        /// How often the hub looks for something to tell and sends it.
        public var intervalSeconds = 60.0
        /// Attempts per notification before it is given up (waiting 1, 2, 4 … minutes, at most 6 hours, between them:
        /// 12 attempts span about 20 hours).
        public var maxAttempts = 12
        /// Arrivals and refusals older than this are not told (e.g. when notifications are first turned on).
        public var lookbackHours = 24.0
        public var smtp = SMTP()

        public struct SMTP: Codable, Sendable {
            public var host = ""
            public var port = 587
            public var security = SMTPClient.Security.startTLS
            public var username: String?
            public var password: String?
            /// The name the hub gives in EHLO.
            public var heloName = "localhost"
            public var timeoutSeconds = 30.0
            /// PEM roots to trust for the server's certificate instead of the system's (relative to the configuration
            /// file's folder).
            public var caFile: String?
            public init() {}
        }

        public init() {}
    }

    public struct TLS: Codable, Sendable {
        /// PEM certificate chain of the server.
        public var certificateFile: String
        /// PEM private key of the server.
        public var privateKeyFile: String

        public init(certificateFile: String, privateKeyFile: String) {
            self.certificateFile = certificateFile
            self.privateKeyFile = privateKeyFile
        }
    }

    public init() {}

    /// A configuration with fresh keys (what `careplan admin init` writes).
    public static func withNewKeys() -> HubConfiguration {
        var configuration = HubConfiguration()
        configuration.encryptionKey = BlobCipher.generateKey()
        configuration.signingKey = ReceiptSigner.generateKey()
        configuration.caKey = CertificateAuthority.generateKey()
        return configuration
    }

    /// Reads a configuration file; missing keys take their defaults.
    public static func load(path: String) throws -> HubConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HubSetupError("設定ファイルを読めません / cannot read the configuration file \(path) (careplan admin init creates one)")
        }
        do {
            var configuration = try JSONDecoder().decode(HubConfiguration.self, from: data)
            // TLS files are named relative to the configuration file's folder.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            configuration.tls = configuration.tls.map {
                TLS(certificateFile: $0.certificateFile.resolved(against: folder), privateKeyFile: $0.privateKeyFile.resolved(against: folder))
            }
            configuration.audit.checkpointFile = configuration.audit.checkpointFile.map { $0.resolved(against: folder) }
            configuration.notifications.smtp.caFile = configuration.notifications.smtp.caFile.map { $0.resolved(against: folder) }
            return configuration
        } catch {
            throw HubSetupError("設定ファイルの形式が不正です / the configuration file \(path) is not valid: \(error)")
        }
    }

    public func write(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        // The file holds the keys: readable by the owner only.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}

extension HubConfiguration {
    /// Decodes leniently: every key is optional in the file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.host = try container.decodeIfPresent(String.self, forKey: .host) ?? "127.0.0.1"
        self.port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 8080
        self.encryptionKey = try container.decodeIfPresent(String.self, forKey: .encryptionKey)
        self.signingKey = try container.decodeIfPresent(String.self, forKey: .signingKey)
        self.caKey = try container.decodeIfPresent(String.self, forKey: .caKey)
        self.tls = try container.decodeIfPresent(TLS.self, forKey: .tls)
        self.limits = try container.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        self.retention = try container.decodeIfPresent(Retention.self, forKey: .retention) ?? Retention()
        self.auth = try container.decodeIfPresent(Auth.self, forKey: .auth) ?? Auth()
        self.audit = try container.decodeIfPresent(Audit.self, forKey: .audit) ?? Audit()
        self.partners = try container.decodeIfPresent(Partners.self, forKey: .partners) ?? Partners()
        self.notifications = try container.decodeIfPresent(Notifications.self, forKey: .notifications) ?? Notifications()
        self.licences = try container.decodeIfPresent(Licences.self, forKey: .licences) ?? Licences()
        self.database = try container.decodeIfPresent(String.self, forKey: .database)
    }

    private enum CodingKeys: String, CodingKey {
        case host, port, encryptionKey, signingKey, caKey, tls, limits, retention, auth, audit, partners, notifications, licences, database
    }
}

// Every key of the nested sections is optional too: a file written by an older version, or by hand, keeps the defaults
// for what it does not name.
extension HubConfiguration.Limits {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.maxFileBytes = try container.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? self.maxFileBytes
        self.maxFilesPerUnit = try container.decodeIfPresent(Int.self, forKey: .maxFilesPerUnit) ?? self.maxFilesPerUnit
        self.maxUnitsPerBatch = try container.decodeIfPresent(Int.self, forKey: .maxUnitsPerBatch) ?? self.maxUnitsPerBatch
        self.maxFilesPerBatch = try container.decodeIfPresent(Int.self, forKey: .maxFilesPerBatch) ?? self.maxFilesPerBatch
        self.maxRequestBytes = try container.decodeIfPresent(Int.self, forKey: .maxRequestBytes) ?? self.maxRequestBytes
        self.requestsPerMinute = try container.decodeIfPresent(Int.self, forKey: .requestsPerMinute) ?? self.requestsPerMinute
        self.concurrentUploadsPerOffice = try container.decodeIfPresent(Int.self, forKey: .concurrentUploadsPerOffice) ?? self.concurrentUploadsPerOffice
        self.concurrentUploads = try container.decodeIfPresent(Int.self, forKey: .concurrentUploads) ?? self.concurrentUploads
        self.maxConnections = try container.decodeIfPresent(Int.self, forKey: .maxConnections) ?? self.maxConnections
        self.maxHeaderBytes = try container.decodeIfPresent(Int.self, forKey: .maxHeaderBytes) ?? self.maxHeaderBytes
        self.headerTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .headerTimeoutSeconds) ?? self.headerTimeoutSeconds
        self.bodyTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .bodyTimeoutSeconds) ?? self.bodyTimeoutSeconds
        self.idleTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .idleTimeoutSeconds) ?? self.idleTimeoutSeconds
    }
}

extension HubConfiguration.Retention {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.unreadDays = try container.decodeIfPresent(Double.self, forKey: .unreadDays) ?? self.unreadDays
        self.readDays = try container.decodeIfPresent(Double.self, forKey: .readDays) ?? self.readDays
        self.expiryWarningDays = try container.decodeIfPresent(Double.self, forKey: .expiryWarningDays) ?? self.expiryWarningDays
        self.intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? self.intervalSeconds
    }
}

extension HubConfiguration.Auth {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.tokenDays = try container.decodeIfPresent(Double.self, forKey: .tokenDays) ?? self.tokenDays
        self.sessionHours = try container.decodeIfPresent(Double.self, forKey: .sessionHours) ?? self.sessionHours
        self.freeLoginAttempts = try container.decodeIfPresent(Int.self, forKey: .freeLoginAttempts) ?? self.freeLoginAttempts
        self.freeAttemptsPerAddress = try container.decodeIfPresent(Int.self, forKey: .freeAttemptsPerAddress) ?? self.freeAttemptsPerAddress
        self.maxLoginDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .maxLoginDelaySeconds) ?? self.maxLoginDelaySeconds
        self.trustedProxies = try container.decodeIfPresent([String].self, forKey: .trustedProxies) ?? self.trustedProxies
        self.certificateDays = try container.decodeIfPresent(Double.self, forKey: .certificateDays) ?? self.certificateDays
        self.secureCookies = try container.decodeIfPresent(Bool.self, forKey: .secureCookies)
    }
}

extension HubConfiguration.Licences {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.graceDays = try container.decodeIfPresent(Double.self, forKey: .graceDays) ?? self.graceDays
        self.warningDays = try container.decodeIfPresent(Double.self, forKey: .warningDays) ?? self.warningDays
    }
}

extension HubConfiguration.Partners {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.addressing = try container.decodeIfPresent(Addressing.self, forKey: .addressing) ?? self.addressing
    }
}

extension HubConfiguration.Notifications {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? self.enabled
        self.from = try container.decodeIfPresent(String.self, forKey: .from) ?? self.from
        self.fromName = try container.decodeIfPresent(String.self, forKey: .fromName) ?? self.fromName
        self.hubURL = try container.decodeIfPresent(String.self, forKey: .hubURL) ?? self.hubURL
        self.intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? self.intervalSeconds
        self.maxAttempts = try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? self.maxAttempts
        self.lookbackHours = try container.decodeIfPresent(Double.self, forKey: .lookbackHours) ?? self.lookbackHours
        self.smtp = try container.decodeIfPresent(SMTP.self, forKey: .smtp) ?? self.smtp
    }
}

extension HubConfiguration.Notifications.SMTP {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.host = try container.decodeIfPresent(String.self, forKey: .host) ?? self.host
        self.port = try container.decodeIfPresent(Int.self, forKey: .port) ?? self.port
        self.security = try container.decodeIfPresent(SMTPClient.Security.self, forKey: .security) ?? self.security
        self.username = try container.decodeIfPresent(String.self, forKey: .username)
        self.password = try container.decodeIfPresent(String.self, forKey: .password)
        self.heloName = try container.decodeIfPresent(String.self, forKey: .heloName) ?? self.heloName
        self.timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? self.timeoutSeconds
        self.caFile = try container.decodeIfPresent(String.self, forKey: .caFile)
    }
}

extension HubConfiguration.Audit {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.checkpointSeconds = try container.decodeIfPresent(Double.self, forKey: .checkpointSeconds) ?? self.checkpointSeconds
        self.checkpointFile = try container.decodeIfPresent(String.self, forKey: .checkpointFile)
    }
}

extension HubConfiguration.Auth {
    /// Per login name and client address.
    var perAccountAndAddress: LoginThrottle.Policy {
        LoginThrottle.Policy(freeAttempts: self.freeLoginAttempts, maxDelaySeconds: self.maxLoginDelaySeconds)
    }
    /// Per client address, over all names.
    var perAddress: LoginThrottle.Policy {
        LoginThrottle.Policy(freeAttempts: self.freeAttemptsPerAddress, maxDelaySeconds: self.maxLoginDelaySeconds)
    }
}

extension String {
    fileprivate func resolved(against folder: URL) -> String {
        self.hasPrefix("/") ? self : folder.appendingPathComponent(self).path
    }
}
