// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanHubStorePostgres
import CarePlanExchange
import Foundation

/// The hub's data folder (データフォルダ): `hub.json` (configuration and keys) and `hub.sqlite`, or only `hub.json` when
/// the configuration names a PostgreSQL database. One place for the layout that `careplan serve`, `admin`, `audit`,
/// `demo` and the benchmarks share, and for provisioning a new hub.
public struct HubDataFolder: Sendable {
    /// The folder.
    public let path: String
    /// The configuration file: `hub.json` in the folder unless given elsewhere. TLS and checkpoint files sit beside it.
    public let configPath: String

    public init(path: String, configPath: String? = nil) {
        self.path = path
        self.configPath = configPath ?? (path as NSString).appendingPathComponent("hub.json")
    }

    /// The embedded database.
    public var databasePath: String { (self.path as NSString).appendingPathComponent("hub.sqlite") }

    /// The folder of the configuration file, against which its relative file names are resolved.
    var configFolder: String { (self.configPath as NSString).deletingLastPathComponent }

    public func loadConfiguration() throws -> HubConfiguration { try HubConfiguration.load(path: self.configPath) }

    /// Opens the existing database: the configuration's PostgreSQL database when it names one, else `hub.sqlite`.
    /// - Throws: ``HubSetupError`` when the folder has neither (it was never initialised).
    public func openStore() async throws -> any HubStore {
        guard FileManager.default.fileExists(atPath: self.configPath) || FileManager.default.fileExists(atPath: self.databasePath) else {
            throw HubSetupError("ハブのデータがありません。先に careplan admin init を実行してください / no hub data in \(self.path): run careplan admin init first")
        }
        if FileManager.default.fileExists(atPath: self.configPath), let url = try self.loadConfiguration().database {
            return try await PostgresHubStore.open(url: url)
        }
        return try self.openSQLiteStore()
    }

    /// Opens the existing embedded database (`hub.sqlite`).
    /// - Throws: ``HubSetupError`` when the folder has none.
    public func openSQLiteStore(options: SQLiteHubStore.Options = .init()) throws -> SQLiteHubStore {
        guard FileManager.default.fileExists(atPath: self.databasePath) else {
            throw HubSetupError("ハブのデータがありません。先に careplan admin init を実行してください / no hub data in \(self.path): run careplan admin init first")
        }
        return try SQLiteHubStore(path: self.databasePath, options: options)
    }

    /// What ``create(tlsHosts:actor:)`` made.
    public struct Created: Sendable {
        public let configuration: HubConfiguration
        public let store: any HubStore
        /// The receipt public key (Ed25519, base64) that offices verify receipts with.
        public let receiptPublicKey: String
    }

    /// Provisions a new hub: the folder (owner only), fresh keys, the database (`hub.sqlite`, or the PostgreSQL database
    /// at `database`, which must hold no hub yet), a server certificate from the hub's CA when `tlsHosts` is not empty
    /// (PEM files beside the configuration, the key owner-only), an empty audit checkpoint file, and the configuration
    /// file; audited as `admin.init` by `actor`.
    /// - Throws: ``HubSetupError`` when the configuration file exists (keys are never overwritten) or the PostgreSQL
    ///   database already holds a hub (its files are sealed with another hub's key).
    public func create(tlsHosts: [String] = [], database: String? = nil, actor: String) async throws -> Created {
        // The folder holds the keys and every office's files: the owner's alone.
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard !FileManager.default.fileExists(atPath: self.configPath) else {
            throw HubSetupError("設定ファイルは既にあります（鍵を上書きしません） / \(self.configPath) exists; keys are never overwritten")
        }
        var configuration = HubConfiguration.withNewKeys()
        configuration.audit.checkpointFile = "audit-checkpoints.jsonl"
        configuration.database = database
        let store: any HubStore
        if let database {
            let postgres = try await PostgresHubStore.open(url: database)
            // A database of another hub holds files sealed with its key: new keys here would make them unreadable.
            guard try await postgres.auditHead() == nil else {
                postgres.close()
                throw HubSetupError("このデータベースには既にハブがあります / the database at \(PostgresHubStore.redacted(url: database)) already holds a hub")
            }
            store = postgres
        } else {
            store = try SQLiteHubStore(path: self.databasePath)
        }
        let hub = try await Hub.open(store: store, configuration: configuration)
        if !tlsHosts.isEmpty, let authority = hub.certificateAuthority {
            let issued = try authority.issueServerCertificate(hosts: tlsHosts)
            try PEMFile.write(issued.certificatePEM + "\n" + (try authority.certificatePEM), to: self.besideConfig("tls-cert.pem"), mode: 0o644)
            try PEMFile.write(issued.privateKeyPEM, to: self.besideConfig("tls-key.pem"), mode: 0o600)
            configuration.tls = .init(certificateFile: "tls-cert.pem", privateKeyFile: "tls-key.pem")
        }
        try configuration.write(path: self.configPath)
        // The checkpoint file exists from the start, so that its disappearance later is noticed.
        _ = FileManager.default.createFile(atPath: self.besideConfig("audit-checkpoints.jsonl"), contents: nil, attributes: [.posixPermissions: 0o600])
        try await store.appendAudit(AuditRecord(actor: actor, office: nil, action: "admin.init", subject: self.path))
        return Created(configuration: configuration, store: store, receiptPublicKey: hub.signer.publicKey)
    }

    private func besideConfig(_ name: String) -> String { (self.configFolder as NSString).appendingPathComponent(name) }
}
