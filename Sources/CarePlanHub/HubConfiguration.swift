// CarePlan Link — CarePlanHub
import Foundation

/// Everything `careplan serve` is configured with. Read from a JSON file (`hub.json` in the data folder, written by
/// `careplan admin init`); command-line flags override host, port and data folder.
///
/// Keys of the JSON file: `host` (default `127.0.0.1`), `port` (8080), `encryptionKey` (base64, 32 bytes — required),
/// `signingKey` (base64 Ed25519, 32 bytes — required), `limits.maxFileBytes` (10 MiB), `limits.maxFilesPerUnit` (200),
/// `limits.maxRequestBytes` (64 MiB), `limits.requestsPerMinute` (600 per office), `retention.unreadDays` (30),
/// `retention.readDays` (7), `retention.intervalSeconds` (3600), `auth.tokenDays` (365), `auth.sessionHours` (8),
/// `auth.maxFailedLogins` (5), `auth.lockMinutes` (15), `auth.certificateDays` (825), `auth.secureCookies` (HTTPS only), `caKey` (base64 P-256: the hub's
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

    public struct Limits: Codable, Sendable {
        public var maxFileBytes = 10 << 20
        public var maxFilesPerUnit = 200
        public var maxRequestBytes = 64 << 20
        /// Requests per minute per office (token bucket).
        public var requestsPerMinute = 600
        public init() {}
    }

    public struct Retention: Codable, Sendable {
        /// Units not downloaded within this many days expire (期限切れ) and their files are deleted.
        public var unreadDays = 30.0
        /// Files of units downloaded this many days ago are deleted (the unit and its receipts stay).
        public var readDays = 7.0
        /// How often the purge job runs.
        public var intervalSeconds = 3600.0
        public init() {}
    }

    public struct Auth: Codable, Sendable {
        public var tokenDays = 365.0
        public var sessionHours = 8.0
        public var maxFailedLogins = 5
        public var lockMinutes = 15.0
        /// Validity of client certificates issued by `careplan admin issue-cert`.
        public var certificateDays = 825.0
        /// Mark the web session cookie `Secure`. Nil: only when the hub serves HTTPS itself; set true behind a
        /// TLS-terminating proxy.
        public var secureCookies: Bool? = nil
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
    }

    private enum CodingKeys: String, CodingKey { case host, port, encryptionKey, signingKey, caKey, tls, limits, retention, auth }
}

// Every key of the nested sections is optional too: a file written by an older version, or by hand, keeps the defaults
// for what it does not name.
extension HubConfiguration.Limits {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.maxFileBytes = try container.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? self.maxFileBytes
        self.maxFilesPerUnit = try container.decodeIfPresent(Int.self, forKey: .maxFilesPerUnit) ?? self.maxFilesPerUnit
        self.maxRequestBytes = try container.decodeIfPresent(Int.self, forKey: .maxRequestBytes) ?? self.maxRequestBytes
        self.requestsPerMinute = try container.decodeIfPresent(Int.self, forKey: .requestsPerMinute) ?? self.requestsPerMinute
    }
}

extension HubConfiguration.Retention {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.unreadDays = try container.decodeIfPresent(Double.self, forKey: .unreadDays) ?? self.unreadDays
        self.readDays = try container.decodeIfPresent(Double.self, forKey: .readDays) ?? self.readDays
        self.intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? self.intervalSeconds
    }
}

extension HubConfiguration.Auth {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.tokenDays = try container.decodeIfPresent(Double.self, forKey: .tokenDays) ?? self.tokenDays
        self.sessionHours = try container.decodeIfPresent(Double.self, forKey: .sessionHours) ?? self.sessionHours
        self.maxFailedLogins = try container.decodeIfPresent(Int.self, forKey: .maxFailedLogins) ?? self.maxFailedLogins
        self.lockMinutes = try container.decodeIfPresent(Double.self, forKey: .lockMinutes) ?? self.lockMinutes
        self.certificateDays = try container.decodeIfPresent(Double.self, forKey: .certificateDays) ?? self.certificateDays
        self.secureCookies = try container.decodeIfPresent(Bool.self, forKey: .secureCookies)
    }
}

extension String {
    fileprivate func resolved(against folder: URL) -> String {
        self.hasPrefix("/") ? self : folder.appendingPathComponent(self).path
    }
}
