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
    /// Counts a login attempt against each key *before* its password is checked, in one transaction: when any key is
    /// still delayed, counts nothing and returns the seconds to wait; otherwise counts the attempt on every key
    /// (``LoginThrottle/Policy/counting(_:key:now:)``) and returns nil. Parallel attempts are therefore serialised by
    /// the transaction and cannot escape the count.
    func throttleLoginAttempt(_ keys: [LoginThrottle.Key], at time: Double) async throws -> Double?
    /// After a successful login: clears the keys that are cleared on success and gives the others their attempt back;
    /// appends `audit`.
    func loginSucceeded(_ keys: [LoginThrottle.Key], audit: AuditRecord) async throws
    /// The stored counter of a key (for tests and the operator).
    func loginThrottleState(key: String) async throws -> LoginThrottle.State?

    // MARK: Credentials
    func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential
    func credential(secretHash: String) async throws -> Credential?
    /// The credential with this secret hash, its account and the account's office, read together (one read per
    /// authenticated request).
    func identity(secretHash: String) async throws -> (credential: Credential, account: Account, office: Office?)?
    func credentials(accountID: Int64) async throws -> [Credential]
    func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool

    // MARK: Exchange
    /// Stores a unit with its files and encrypted bodies atomically. When a unit with the same fingerprint exists, stores
    /// nothing and returns the existing unit (`created == false`). Otherwise appends `audit` first and calls `receipt`
    /// with that entry's position, inside the transaction, so that the acceptance receipt names the audit head that
    /// includes its own upload; the unit is stored with that receipt.
    func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], audit: AuditRecord, receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool)
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
    /// Marks a unit acknowledged; returns the updated unit. The first acknowledgement appends `audit` and stores the
    /// receipt that `receipt` signs for that entry's position; a later one changes nothing and audits nothing. An expired
    /// unit is not acknowledged (returned unchanged); nil for an unknown unit.
    func acknowledge(
        unitID: String, at time: Double, audit: AuditRecord, receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> ExchangeUnit?

    // MARK: Retention
    /// Expires units not downloaded since `unreadBefore`, and deletes the files of units read before `readBefore`.
    /// Bodies no longer referenced by any unit are deleted. Returns (expired, purged) counts.
    func applyRetention(unreadBefore: Double, readBefore: Double, at time: Double) async throws -> (expired: Int, purged: Int)

    // MARK: Audit
    /// Appends an entry outside another operation (e.g. a failed login of an unknown name).
    func appendAudit(_ record: AuditRecord) async throws
    func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// The last entry's position, nil while the log is empty.
    func auditHead() async throws -> AuditPosition?
    /// Keeps a signed checkpoint of the audit head (JSON of a ``SignedReceipt``); one per sequence.
    func saveAuditCheckpoint(_ checkpoint: String, position: AuditPosition, at time: Double) async throws
    /// Every kept checkpoint, oldest first.
    func auditCheckpoints() async throws -> [String]

    // MARK: Durability
    /// How the store commits, as read from its live write connection (e.g. `journal_mode=wal`, `synchronous=full`).
    func durability() async throws -> [String: String]

    // MARK: Settings
    /// A small key/value table for hub-wide values (e.g. the encryption key check).
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, _ value: String) async throws
}

/// A place in the audit chain: an entry's sequence number and hash.
public struct AuditPosition: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
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

    /// The longest text the log keeps in one field, in UTF-8 bytes; longer text is cut and marked with `…`.
    public static let maxFieldLength = 256

    /// The record with every field cut to ``maxFieldLength`` bytes (bytes, not characters: one character can be
    /// kilobytes of combining marks).
    public func bounded() -> AuditRecord {
        func cut(_ text: String) -> String {
            guard text.utf8.count > Self.maxFieldLength else { return text }
            var kept = String.UnicodeScalarView()
            var bytes = 0
            for scalar in text.unicodeScalars {
                bytes += String(scalar).utf8.count
                guard bytes <= Self.maxFieldLength - 3 else { break }
                kept.append(scalar)
            }
            return String(kept) + "…"
        }
        return AuditRecord(actor: cut(self.actor), office: self.office.map(cut), action: cut(self.action), subject: cut(self.subject))
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
