// CarePlan Link — CarePlanHub
import Foundation
import GRDB

/// The hub's storage on SQLite, through GRDB.
///
/// Production opens a `DatabasePool` on a file (WAL: concurrent readers, serialized writers); tests use
/// ``inMemory()``. Every method is one transaction, and an operation's audit entry is appended inside the transaction
/// of the operation, so that the log and the data never disagree.
///
/// ```swift
/// let store = try SQLiteHubStore(path: "data/hub.sqlite")
/// let hub = try await Hub.open(store: store, configuration: configuration)
/// ```
public struct SQLiteHubStore: HubStore {
    /// How commits reach the disk. The defaults are what the hub runs with; the others exist so that
    /// `careplan bench hub` can measure what durability costs against what the hub did before.
    public struct Options: Sendable {
        /// `PRAGMA synchronous` of the write connection.
        public enum Synchronous: String, Sendable {
            /// Every commit fsyncs the WAL before it returns: a receipt means the data is on disk.
            case full = "FULL"
            /// GRDB's WAL default: commits survive a crash of the process, not of the machine or its power.
            case normal = "NORMAL"
        }

        public var synchronous: Synchronous
        /// Concurrent writes share one commit (``GroupCommit``); off, every write is its own transaction.
        public var groupCommit: Bool

        public init(synchronous: Synchronous = .full, groupCommit: Bool = true) {
            self.synchronous = synchronous
            self.groupCommit = groupCommit
        }
    }

    private let writer: any DatabaseWriter
    /// Every write goes through it: concurrent writes share one durable commit. Nil when the options turn it off.
    private let commits: GroupCommit?

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    ///
    /// The file (and SQLite's `-wal` and `-shm` files, which take its permissions) is readable by the owner only. Every
    /// commit is durable before it returns: `synchronous = FULL` on the write connection, so the WAL is fsynced at
    /// each commit (GRDB sets `NORMAL` when it opens a pool in WAL mode; it is raised after opening).
    ///
    /// - Throws: A GRDB `DatabaseError` when the file cannot be opened or migrated, or ``SQLiteHubStoreError`` when
    ///   the file was written by a newer version of the hub.
    public init(path: String, options: Options = Options()) throws {
        try Self.createPrivately(path)
        let pool = try DatabasePool(path: path, configuration: Self.configuration())
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(options.synchronous.rawValue)") }
        try self.init(writer: pool, groupCommit: options.groupCommit)
    }

    /// A store on a fresh, private in-memory database (for tests).
    public static func inMemory() throws -> SQLiteHubStore {
        try SQLiteHubStore(writer: DatabaseQueue(configuration: Self.configuration()))
    }

    private init(writer: any DatabaseWriter, groupCommit: Bool = true) throws {
        let migrator = HubMigrations.migrator
        // An older hub must not write into a schema it does not know.
        if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
            throw SQLiteHubStoreError.schemaTooNew
        }
        try migrator.migrate(writer)
        self.writer = writer
        self.commits = groupCommit ? GroupCommit(writer: writer) : nil
    }

    private static func configuration() -> GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.label = "CarePlanHub"
        configuration.foreignKeysEnabled = true
        // The CLI (`careplan admin …`) may write while the server runs: wait for the other writer instead of failing.
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// Creates the database file with mode 0600 before SQLite does (SQLite would use the umask, typically 0644), and
    /// tightens an existing one.
    private static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SQLiteHubStoreError.cannotCreate(path: path, errno: errno) }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw SQLiteHubStoreError.cannotCreate(path: path, errno: errno) }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard let commits = self.commits else { return try await self.writer.write(body) }
        return try await commits.write(body)
    }

    // MARK: - Offices and accounts

    public func createOffice(_ office: Office, audit: AuditRecord) async throws -> Office {
        try await self.write { db in
            var record = OfficeRecord(office)
            try record.insert(db)
            _ = try Self.append(audit, to: db)
            return record.office
        }
    }

    public func office(id: Int64) async throws -> Office? {
        try await self.writer.read { db in try OfficeRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM office WHERE id = ?"), arguments: [id])?.office }
    }

    public func office(number: String, serviceType: String) async throws -> Office? {
        try await self.writer.read { db in
            try OfficeRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM office WHERE number = ? AND serviceType = ?"), arguments: [number, serviceType])?.office
        }
    }

    public func offices() async throws -> [Office] {
        try await self.writer.read { db in try OfficeRecord.order(OfficeRecord.Columns.id).fetchAll(db).map(\.office) }
    }

    public func createAccount(_ account: Account, audit: AuditRecord) async throws -> Account {
        try await self.write { db in
            var record = AccountRecord(account)
            try record.insert(db)
            _ = try Self.append(audit, to: db)
            return record.account
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await self.writer.read { db in try AccountRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id])?.account }
    }

    public func account(loginName: String) async throws -> Account? {
        try await self.writer.read { db in try AccountRecord.filter(AccountRecord.Columns.loginName == loginName).fetchOne(db)?.account }
    }

    /// The accounts of an office, or all accounts when `officeID` is nil.
    public func accounts(officeID: Int64?) async throws -> [Account] {
        try await self.writer.read { db in
            var request = AccountRecord.order(AccountRecord.Columns.id)
            if let officeID { request = request.filter(AccountRecord.Columns.officeID == officeID) }
            return try request.fetchAll(db).map(\.account)
        }
    }

    public func throttleLoginAttempt(_ keys: [LoginThrottle.Key], at time: Double) async throws -> Double? {
        try await self.write { db -> Double? in
            let states = try keys.map { key in try LoginThrottleRecord.fetchOne(db, key: key.id)?.state }
            let waits = zip(keys, states).compactMap { key, state in key.policy.retryAfter(state, now: time) }
            if let wait = waits.max() { return wait }
            for (key, state) in zip(keys, states) {
                try LoginThrottleRecord(state: key.policy.counting(state, key: key.id, now: time)).save(db)
            }
            return nil
        }
    }

    public func loginSucceeded(_ keys: [LoginThrottle.Key], audit: AuditRecord) async throws {
        try await self.write { db in
            for key in keys {
                if key.clearedOnSuccess {
                    _ = try LoginThrottleRecord.deleteOne(db, key: key.id)
                } else {
                    try db.execute(sql: "UPDATE loginThrottle SET attempts = max(0, attempts - 1) WHERE key = ?", arguments: [key.id])
                }
            }
            _ = try Self.append(audit, to: db)
        }
    }

    public func loginThrottleState(key: String) async throws -> LoginThrottle.State? {
        try await self.writer.read { db in try LoginThrottleRecord.fetchOne(db, key: key)?.state }
    }

    // MARK: - Credentials

    public func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential {
        try await self.write { db in
            var record = CredentialRecord(credential)
            try record.insert(db)
            if let audit { _ = try Self.append(audit, to: db) }
            return record.credential
        }
    }

    public func credential(secretHash: String) async throws -> Credential? {
        try await self.writer.read { db in
            try CredentialRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE secretHash = ?"), arguments: [secretHash])?.credential
        }
    }

    public func identity(secretHash: String) async throws -> (credential: Credential, account: Account, office: Office?)? {
        try await self.writer.read { db -> (credential: Credential, account: Account, office: Office?)? in
            guard
                let credential = try CredentialRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE secretHash = ?"), arguments: [secretHash])?
                    .credential,
                let account = try AccountRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [credential.accountID])?.account
            else { return nil }
            let office = try account.officeID.flatMap {
                try OfficeRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM office WHERE id = ?"), arguments: [$0])?.office
            }
            return (credential, account, office)
        }
    }

    public func credentials(accountID: Int64) async throws -> [Credential] {
        try await self.writer.read { db in
            try CredentialRecord.filter(CredentialRecord.Columns.accountID == accountID).order(CredentialRecord.Columns.id).fetchAll(db).map(\.credential)
        }
    }

    /// Revokes a credential. Returns false (and audits nothing) when there is no such credential or it was already
    /// revoked: the first revocation time is kept.
    public func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(sql: "UPDATE credential SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [time, id])
            guard db.changesCount > 0 else { return false }
            _ = try Self.append(audit, to: db)
            return true
        }
    }

    // MARK: - Exchange

    public func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], audit: AuditRecord, receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        try await self.write { db -> (unit: ExchangeUnit, created: Bool) in
            if let existing = try UnitRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE fingerprint = ?"), arguments: [unit.fingerprint]) {
                return (existing.unit, false)
            }
            // Checked inside the transaction too: two different units racing for one ファイル連番 cannot both win.
            let reused = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND timestamp = ?"),
                arguments: [unit.senderOfficeID, unit.recipientOfficeID, unit.timestamp]) ?? 0
            guard reused == 0 else { throw HubStoreConflict.sequenceReused(unit.timestamp) }
            var unit = unit
            unit.acceptanceReceipt = try receipt(try Self.append(audit, to: db))
            try UnitRecord(unit).insert(db)
            for file in files {
                guard file.unitID == unit.id else { throw SQLiteHubStoreError.fileOfAnotherUnit(file.name) }
                try UnitFileRecord(file).insert(db)
            }
            // Bodies are content-addressed: an identical file sent again (in another unit) is stored once.
            for sha256 in Set(files.map(\.sha256)) {
                if let body = bodies[sha256] {
                    try db.execute(sql: "INSERT OR IGNORE INTO blob (sha256, ciphertext) VALUES (?, ?)", arguments: [sha256, Data(body)])
                } else if try !Self.blobExists(sha256, in: db) {
                    throw SQLiteHubStoreError.missingBody(sha256: sha256)
                }
            }
            return (unit, true)
        }
    }

    public func unit(id: String) async throws -> ExchangeUnit? {
        try await self.writer.read { db in try Self.unit(id: id, in: db) }
    }

    public func unit(senderOfficeID: Int64, recipientOfficeID: Int64, timestamp: String) async throws -> ExchangeUnit? {
        try await self.writer.read { db in
            try UnitRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND timestamp = ?"),
                arguments: [senderOfficeID, recipientOfficeID, timestamp])?.unit
        }
    }

    public func files(unitID: String) async throws -> [UnitFile] {
        try await self.writer.read { db in
            try UnitFileRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM unitFile WHERE unitID = ? ORDER BY name"), arguments: [unitID]).map(\.file)
        }
    }

    public func body(sha256: String) async throws -> [UInt8]? {
        try await self.writer.read { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT ciphertext FROM blob WHERE sha256 = ?"), arguments: [sha256]).map { [UInt8]($0) }
        }
    }

    public func inbox(officeID: Int64, after cursor: UnitCursor?, states: [UnitState]?, limit: Int) async throws -> [ExchangeUnit] {
        try await self.writer.read { db in
            try Self.listing(UnitRecord.Columns.recipientOfficeID, officeID, after: cursor, states: states, limit: limit, in: db)
        }
    }

    public func outbox(officeID: Int64, after cursor: UnitCursor?, limit: Int) async throws -> [ExchangeUnit] {
        try await self.writer.read { db in
            try Self.listing(UnitRecord.Columns.senderOfficeID, officeID, after: cursor, states: nil, limit: limit, in: db)
        }
    }

    /// Units of one office ordered by (createdAt, id), strictly after the cursor (keyset pagination on the
    /// `unit_inbox` / `unit_outbox` indexes).
    private static func listing(
        _ officeColumn: Column, _ officeID: Int64, after cursor: UnitCursor?, states: [UnitState]?, limit: Int, in db: Database
    ) throws -> [ExchangeUnit] {
        var request = UnitRecord.filter(officeColumn == officeID)
        if let states {
            request = request.filter(states.map(\.rawValue).contains(UnitRecord.Columns.state))
        }
        if let cursor {
            // Interpolated values are bound arguments, not SQL text.
            request = request.filter(literal: "(createdAt, id) > (\(cursor.createdAt), \(cursor.id))")
        }
        return try request.order(UnitRecord.Columns.createdAt, UnitRecord.Columns.id).limit(max(0, limit)).fetchAll(db).map(\.unit)
    }

    /// Moves an accepted unit to downloaded (never backwards: a later download of a downloaded, acknowledged or
    /// expired unit changes nothing) and audits the download, every time.
    public func markDownloaded(unitID: String, at time: Double, audit: AuditRecord) async throws {
        try await self.write { db in
            try db.execute(
                sql: "UPDATE unit SET state = ?, downloadedAt = ? WHERE id = ? AND state = ?",
                arguments: [UnitState.downloaded.rawValue, time, unitID, UnitState.accepted.rawValue])
            _ = try Self.append(audit, to: db)
        }
    }

    public func acknowledge(
        unitID: String, at time: Double, audit: AuditRecord, receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> ExchangeUnit? {
        try await self.write { db -> ExchangeUnit? in
            guard var unit = try Self.unit(id: unitID, in: db) else { return nil }
            // The first acknowledgement's time and receipt are kept; an expired unit stays expired (its files are gone,
            // so nothing can have been stored).
            guard unit.acknowledgementReceipt == nil, unit.state != .expired else { return unit }
            unit.acknowledgementReceipt = try receipt(try Self.append(audit, to: db))
            unit.state = .acknowledged
            unit.acknowledgedAt = time
            unit.downloadedAt = unit.downloadedAt ?? time
            try UnitRecord(unit).update(db)
            return unit
        }
    }

    // MARK: - Retention

    public func applyRetention(unreadBefore: Double, readBefore: Double, at time: Double) async throws -> (expired: Int, purged: Int) {
        try await self.write { db -> (expired: Int, purged: Int) in
            let expired = try String.fetchAll(
                db, sql: "SELECT id FROM unit WHERE state = ? AND createdAt < ? ORDER BY createdAt, id",
                arguments: [UnitState.accepted.rawValue, unreadBefore])
            for id in expired {
                try db.execute(
                    sql: "UPDATE unit SET state = ?, filesPurgedAt = ? WHERE id = ?", arguments: [UnitState.expired.rawValue, time, id])
                _ = try Self.append(AuditRecord(actor: "system", office: nil, action: "expire", subject: id), to: db)
            }

            let purged = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM unit
                    WHERE state IN (?, ?) AND coalesce(acknowledgedAt, downloadedAt) < ? AND filesPurgedAt IS NULL
                    ORDER BY createdAt, id
                    """,
                arguments: [UnitState.downloaded.rawValue, UnitState.acknowledged.rawValue, readBefore])
            for id in purged {
                try db.execute(sql: "UPDATE unit SET filesPurgedAt = ? WHERE id = ?", arguments: [time, id])
                _ = try Self.append(AuditRecord(actor: "system", office: nil, action: "purge", subject: id), to: db)
            }

            // Login throttle counters outlive their reset window by a day at most.
            try db.execute(sql: "DELETE FROM loginThrottle WHERE lastAttemptAt < ?", arguments: [time - 86_400])

            // unitFile rows stay (names and digests are the proof of what was sent); a body goes once no unit that
            // still has its files refers to it.
            try db.execute(
                sql: """
                    DELETE FROM blob WHERE sha256 NOT IN (
                        SELECT unitFile.sha256 FROM unitFile JOIN unit ON unit.id = unitFile.unitID WHERE unit.filesPurgedAt IS NULL
                    )
                    """)
            return (expired.count, purged.count)
        }
    }

    // MARK: - Audit

    public func appendAudit(_ record: AuditRecord) async throws {
        try await self.write { db in _ = try Self.append(record, to: db) }
    }

    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await self.writer.read { db in
            try AuditEntryRecord.filter(AuditEntryRecord.Columns.sequence >= sequence)
                .order(AuditEntryRecord.Columns.sequence)
                .limit(max(0, limit))
                .fetchAll(db)
                .map(\.entry)
        }
    }

    public func auditHead() async throws -> AuditPosition? {
        try await self.writer.read { db in try Self.head(db) }
    }

    public func saveAuditCheckpoint(_ checkpoint: String, position: AuditPosition, at time: Double) async throws {
        try await self.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO auditCheckpoint (sequence, hash, time, signed) VALUES (?, ?, ?, ?)",
                arguments: [position.sequence, position.hash, time, checkpoint])
        }
    }

    public func auditCheckpoints() async throws -> [String] {
        try await self.writer.read { db in try String.fetchAll(db, sql: "SELECT signed FROM auditCheckpoint ORDER BY sequence") }
    }

    private static func head(_ db: Database) throws -> AuditPosition? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")).map {
            AuditPosition(sequence: try $0.decode(forColumn: "sequence"), hash: try $0.decode(forColumn: "hash"))
        }
    }

    /// Appends an entry to the audit chain, in the caller's transaction, and returns its position. Writes are
    /// serialized (and write transactions are IMMEDIATE), so reading the last entry and inserting the next cannot
    /// interleave with another writer, even one in another process. Text fields are cut to
    /// ``AuditRecord/maxFieldLength`` characters: the log must not grow with what a caller sends.
    private static func append(_ record: AuditRecord, to db: Database) throws -> AuditPosition {
        let last = try Self.head(db)
        let sequence = (last?.sequence ?? 0) + 1
        let previousHash = last?.hash ?? AuditChain.genesis
        let record = record.bounded()
        let time = Date().timeIntervalSince1970
        let hash = AuditChain.hash(
            sequence: sequence, time: time, actor: record.actor, office: record.office, action: record.action, subject: record.subject,
            previousHash: previousHash)
        try AuditEntryRecord(
            AuditEntry(
                sequence: sequence, time: time, actor: record.actor, office: record.office, action: record.action, subject: record.subject,
                previousHash: previousHash, hash: hash)
        ).insert(db)
        return AuditPosition(sequence: sequence, hash: hash)
    }

    /// Hot lookups use cached statements: preparing GRDB's query-interface SQL (and its authorizer) per call was about a
    /// quarter of the hub's upload profile.
    private static func unit(id: String, in db: Database) throws -> ExchangeUnit? {
        try UnitRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE id = ?"), arguments: [id])?.unit
    }

    private static func blobExists(_ sha256: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?)", arguments: [sha256]) ?? false
    }

    // MARK: - Settings

    public func setting(_ key: String) async throws -> String? {
        try await self.writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await self.write { db in
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", arguments: [key, value])
        }
    }

    // MARK: - Durability

    public func durability() async throws -> [String: String] {
        try await self.writer.writeWithoutTransaction { db in
            let journal = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            let names = [0: "off", 1: "normal", 2: "full", 3: "extra"]
            return ["journal_mode": journal, "synchronous": names[synchronous] ?? String(synchronous)]
        }
    }

    // MARK: - Testing

    /// Runs raw SQL, for tests that must damage the database (e.g. edit an audit row to check that verification
    /// notices). Never call it from the hub.
    public func _executeForTesting(_ sql: String) async throws {
        try await self.write { db in try db.execute(sql: sql) }
    }
}

/// Errors of ``SQLiteHubStore`` beyond SQLite's own (constraint violations surface as GRDB `DatabaseError`s).
public enum SQLiteHubStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was written by a newer version of the hub (it has migrations this version does not know).
    case schemaTooNew
    /// `storeUnit` was given a file whose body is neither among the bodies nor already stored.
    case missingBody(sha256: String)
    /// `storeUnit` was given a file whose `unitID` is not the unit's id.
    case fileOfAnotherUnit(String)
    /// A stored value is not one of the known cases (e.g. an unknown role).
    case invalidValue(column: String, value: String)
    /// The database file cannot be created or its permissions set.
    case cannotCreate(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .schemaTooNew: "the hub database was created by a newer version of careplan"
        case .missingBody(let sha256): "no body for file \(sha256)"
        case .fileOfAnotherUnit(let name): "file \(name) belongs to another unit"
        case .invalidValue(let column, let value): "invalid stored value in \(column): \(value)"
        case .cannotCreate(let path, let errno): "cannot create \(path): \(String(cString: strerror(errno)))"
        }
    }
}

// MARK: - Records

/// Decodes a text column into a `RawRepresentable` enum, throwing on an unknown value rather than crashing.
private func decodeEnum<Value: RawRepresentable<String>>(_ row: Row, _ column: String) throws -> Value {
    let raw: String = try row.decode(forColumn: column)
    guard let value = Value(rawValue: raw) else { throw SQLiteHubStoreError.invalidValue(column: column, value: raw) }
    return value
}

/// The `office` table.
private struct OfficeRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "office"
    enum Columns {
        static let id = Column("id")
        static let number = Column("number")
        static let serviceType = Column("serviceType")
    }

    var office: Office

    init(_ office: Office) { self.office = office }

    init(row: Row) throws {
        self.office = Office(
            id: try row.decode(forColumn: "id"), number: try row.decode(forColumn: "number"), serviceType: try row.decode(forColumn: "serviceType"),
            name: try row.decode(forColumn: "name"), address: try row.decode(forColumn: "address"),
            municipalityCode: try row.decode(forColumn: "municipalityCode"), contact: try row.decode(forColumn: "contact"))
    }

    func encode(to container: inout PersistenceContainer) {
        // The model's "no id yet" is 0; the database assigns one.
        container["id"] = self.office.id == 0 ? nil : self.office.id
        container["number"] = self.office.number
        container["serviceType"] = self.office.serviceType
        container["name"] = self.office.name
        container["address"] = self.office.address
        container["municipalityCode"] = self.office.municipalityCode
        container["contact"] = self.office.contact
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { self.office.id = inserted.rowID }
}

/// The `account` table.
private struct AccountRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "account"
    enum Columns {
        static let id = Column("id")
        static let officeID = Column("officeID")
        static let loginName = Column("loginName")
    }

    var account: Account

    init(_ account: Account) { self.account = account }

    init(row: Row) throws {
        self.account = Account(
            id: try row.decode(forColumn: "id"), officeID: try row.decode(forColumn: "officeID"), loginName: try row.decode(forColumn: "loginName"),
            passwordHash: try row.decode(forColumn: "passwordHash"), role: try decodeEnum(row, "role"),
            failedLogins: try row.decode(forColumn: "failedLogins"), lockedUntil: try row.decode(forColumn: "lockedUntil"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = self.account.id == 0 ? nil : self.account.id
        container["officeID"] = self.account.officeID
        container["loginName"] = self.account.loginName
        container["passwordHash"] = self.account.passwordHash
        container["role"] = self.account.role.rawValue
        container["failedLogins"] = self.account.failedLogins
        container["lockedUntil"] = self.account.lockedUntil
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { self.account.id = inserted.rowID }
}

/// The `credential` table. Scopes are stored comma-separated.
private struct CredentialRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "credential"
    enum Columns {
        static let id = Column("id")
        static let accountID = Column("accountID")
        static let secretHash = Column("secretHash")
    }

    var credential: Credential

    init(_ credential: Credential) { self.credential = credential }

    init(row: Row) throws {
        let scopes: String = try row.decode(forColumn: "scopes")
        self.credential = Credential(
            id: try row.decode(forColumn: "id"), accountID: try row.decode(forColumn: "accountID"), kind: try decodeEnum(row, "kind"),
            secretHash: try row.decode(forColumn: "secretHash"), label: try row.decode(forColumn: "label"),
            scopes: try scopes.split(separator: ",").map {
                guard let scope = Scope(rawValue: String($0)) else { throw SQLiteHubStoreError.invalidValue(column: "scopes", value: scopes) }
                return scope
            },
            createdAt: try row.decode(forColumn: "createdAt"), expiresAt: try row.decode(forColumn: "expiresAt"),
            revokedAt: try row.decode(forColumn: "revokedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = self.credential.id == 0 ? nil : self.credential.id
        container["accountID"] = self.credential.accountID
        container["kind"] = self.credential.kind.rawValue
        container["secretHash"] = self.credential.secretHash
        container["label"] = self.credential.label
        container["scopes"] = self.credential.scopes.map(\.rawValue).joined(separator: ",")
        container["createdAt"] = self.credential.createdAt
        container["expiresAt"] = self.credential.expiresAt
        container["revokedAt"] = self.credential.revokedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { self.credential.id = inserted.rowID }
}

/// The `unit` table.
private struct UnitRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unit"
    enum Columns {
        static let id = Column("id")
        static let senderOfficeID = Column("senderOfficeID")
        static let recipientOfficeID = Column("recipientOfficeID")
        static let state = Column("state")
        static let fingerprint = Column("fingerprint")
        static let createdAt = Column("createdAt")
    }

    var unit: ExchangeUnit

    init(_ unit: ExchangeUnit) { self.unit = unit }

    // Columns are the model's Codable keys: GRDB's Codable support maps them (enums as their raw text).
    init(from decoder: any Decoder) throws { self.unit = try ExchangeUnit(from: decoder) }

    func encode(to encoder: any Encoder) throws { try self.unit.encode(to: encoder) }
}

/// The `unitFile` table.
private struct UnitFileRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unitFile"
    enum Columns {
        static let unitID = Column("unitID")
        static let name = Column("name")
    }

    var file: UnitFile

    init(_ file: UnitFile) { self.file = file }

    // Columns are the model's Codable keys: GRDB's Codable support maps them (enums as their raw text).
    init(from decoder: any Decoder) throws { self.file = try UnitFile(from: decoder) }

    func encode(to encoder: any Encoder) throws { try self.file.encode(to: encoder) }
}

/// The `loginThrottle` table.
private struct LoginThrottleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "loginThrottle"

    var state: LoginThrottle.State

    init(state: LoginThrottle.State) { self.state = state }

    // Columns are the model's Codable keys.
    init(from decoder: any Decoder) throws { self.state = try LoginThrottle.State(from: decoder) }

    func encode(to encoder: any Encoder) throws { try self.state.encode(to: encoder) }
}

/// The `audit` table.
private struct AuditEntryRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "audit"
    enum Columns {
        static let sequence = Column("sequence")
    }

    var entry: AuditEntry

    init(_ entry: AuditEntry) { self.entry = entry }

    // Columns are the model's Codable keys: GRDB's Codable support maps them (enums as their raw text).
    init(from decoder: any Decoder) throws { self.entry = try AuditEntry(from: decoder) }

    func encode(to encoder: any Encoder) throws { try self.entry.encode(to: encoder) }
}
