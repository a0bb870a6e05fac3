// CarePlan Link — CarePlanHub

/// The hub's storage. One implementation today (``SQLiteHubStore``, GRDB); the protocol keeps handlers independent of it
/// so that a PostgreSQL implementation can follow. Every method is one transaction.
public protocol HubStore: Sendable {
    // MARK: Offices and accounts
    func createOffice(_ office: Office, audit: AuditRecord) async throws -> Office
    func office(id: Int64) async throws -> Office?
    func office(number: String, serviceType: String) async throws -> Office?
    func offices() async throws -> [Office]
    func createAccount(_ account: Account, audit: AuditRecord) async throws -> Account
    func account(id: Int64) async throws -> Account?
    func account(loginName: String) async throws -> Account?
    func accounts(officeID: Int64?) async throws -> [Account]
    /// Records a failed login, or resets the counter on success. On failure the account is locked until `lock.until` when
    /// the incremented count reaches `lock.afterFailures` — decided in the same statement, so that parallel guesses
    /// cannot all read the old count and escape the lock.
    func recordLogin(accountID: Int64, succeeded: Bool, lock: LoginLock, audit: AuditRecord) async throws

    // MARK: Credentials
    func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential
    func credential(secretHash: String) async throws -> Credential?
    func credentials(accountID: Int64) async throws -> [Credential]
    func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool

    // MARK: Exchange
    /// Stores a unit with its files and encrypted bodies atomically. When a unit with the same fingerprint exists, stores
    /// nothing and returns the existing unit (`created == false`).
    func storeUnit(_ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], audit: AuditRecord) async throws -> (unit: ExchangeUnit, created: Bool)
    func unit(id: String) async throws -> ExchangeUnit?
    /// The unit a sender sent to a recipient with ファイル連番 `timestamp`, if any.
    func unit(senderOfficeID: Int64, recipientOfficeID: Int64, timestamp: String) async throws -> ExchangeUnit?
    func files(unitID: String) async throws -> [UnitFile]
    /// The encrypted body of a file, by SHA-256.
    func body(sha256: String) async throws -> [UInt8]?
    /// Units addressed to `officeID`, newest last, after `cursor` (a unit's `createdAt` + id), optionally only in `states`.
    func inbox(officeID: Int64, after cursor: UnitCursor?, states: [UnitState]?, limit: Int) async throws -> [ExchangeUnit]
    /// Units sent by `officeID`, in the same order.
    func outbox(officeID: Int64, after cursor: UnitCursor?, limit: Int) async throws -> [ExchangeUnit]
    /// Marks a unit downloaded (first time only) and audits the download.
    func markDownloaded(unitID: String, at time: Double, audit: AuditRecord) async throws
    /// Marks a unit acknowledged with its signed receipt; returns the updated unit.
    func acknowledge(unitID: String, at time: Double, receipt: String, audit: AuditRecord) async throws -> ExchangeUnit?

    // MARK: Retention
    /// Expires units not downloaded since `unreadBefore`, and deletes the files of units read before `readBefore`.
    /// Bodies no longer referenced by any unit are deleted. Returns (expired, purged) counts.
    func applyRetention(unreadBefore: Double, readBefore: Double, at time: Double) async throws -> (expired: Int, purged: Int)

    // MARK: Audit
    /// Appends an entry outside another operation (e.g. a failed login of an unknown name).
    func appendAudit(_ record: AuditRecord) async throws
    func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry]

    // MARK: Settings
    /// A small key/value table for hub-wide values (e.g. the encryption key check).
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, _ value: String) async throws
}

/// When repeated login failures lock an account.
public struct LoginLock: Sendable, Hashable {
    public var afterFailures: Int
    /// Unix seconds.
    public var until: Double

    public init(afterFailures: Int, until: Double) {
        self.afterFailures = afterFailures
        self.until = until
    }
}

/// What to write to the audit log with an operation (the store fills sequence, time and hashes).
public struct AuditRecord: Sendable, Hashable {
    public var actor: String
    public var office: String?
    public var action: String
    public var subject: String

    public init(actor: String, office: String?, action: String, subject: String) {
        self.actor = actor
        self.office = office
        self.action = action
        self.subject = subject
    }
}

/// A position in an inbox or outbox listing.
public struct UnitCursor: Sendable, Hashable {
    public var createdAt: Double
    public var id: String

    public init(createdAt: Double, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// `createdAt:id`, opaque to clients.
    public var token: String { "\(self.createdAt):\(self.id)" }

    public init?(token: String) {
        let parts = token.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let time = Double(parts[0]) else { return nil }
        self.init(createdAt: time, id: String(parts[1]))
    }
}

/// An operation refused because of what is already stored.
public enum HubStoreConflict: Error, Equatable, Sendable {
    /// The sender already sent another unit to the recipient with this ファイル連番.
    case sequenceReused(String)
}
