// CarePlan Link — CarePlanHubStore
public import CarePlanExchange
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
/// let units = try await store.inbox(officeID: office.id, after: nil, states: nil, limit: 100)
/// ```
public struct SQLiteHubStore: HubStore {
    /// How commits reach the disk. The defaults are what the hub runs with; the others exist so that
    /// `careplan-bench hub` can measure what durability costs against what the hub did before.
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
        /// The time audit entries are stamped with, seconds since 1970 (the hub passes its own clock).
        public var now: @Sendable () -> Double
        /// Seconds since 1970 from the system clock.
        public static let systemClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

        public init(synchronous: Synchronous = .full, groupCommit: Bool = true, now: @escaping @Sendable () -> Double = Options.systemClock) {
            self.synchronous = synchronous
            self.groupCommit = groupCommit
            self.now = now
        }
    }

    let writer: any DatabaseWriter
    /// Every write goes through it: concurrent writes share one durable commit. Nil when the options turn it off.
    private let commits: GroupCommit?
    private let now: @Sendable () -> Double

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
        try self.init(writer: pool, options: options)
    }

    /// A store on a fresh, private in-memory database (for tests).
    public static func inMemory(options: Options = Options()) throws -> SQLiteHubStore {
        try SQLiteHubStore(writer: DatabaseQueue(configuration: Self.configuration()), options: options)
    }

    private init(writer: any DatabaseWriter, options: Options) throws {
        let migrator = HubMigrations.migrator
        // An older hub must not write into a schema it does not know. Checked on the write connection: a reader opened
        // before the migration would keep the old schema, and GRDB keeps the column names a statement had when it was
        // prepared there, so rows of a changed table would decode into the wrong columns (found by the v5 test).
        if try writer.writeWithoutTransaction({ try migrator.hasBeenSuperseded($0) }) {
            throw SQLiteHubStoreError.schemaTooNew
        }
        try migrator.migrate(writer)
        self.writer = writer
        self.commits = options.groupCommit ? GroupCommit(writer: writer) : nil
        self.now = options.now
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

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard let commits = self.commits else { return try await self.writer.write(body) }
        return try await commits.write(body)
    }

    // MARK: - Offices and accounts

    public func createOffice(_ office: Office, audit: AuditRecord) async throws -> Office {
        try await self.write { db in
            var office = office
            try office.insert(db)
            _ = try self.append(audit, to: db)
            return office
        }
    }

    public func office(id: Int64) async throws -> Office? {
        try await self.writer.read { db in try Office.fetchOne(db.cachedStatement(sql: "SELECT * FROM office WHERE id = ?"), arguments: [id]) }
    }

    public func office(number: String, serviceType: String) async throws -> Office? {
        try await self.writer.read { db in
            try Office.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM office WHERE number = ? AND serviceType = ?"), arguments: [number, serviceType])
        }
    }

    public func offices() async throws -> [Office] {
        try await self.writer.read { db in try Office.order(Office.Columns.id).fetchAll(db) }
    }

    public func createAccount(_ account: Account, audit: AuditRecord) async throws -> Account {
        try await self.write { db in
            var account = account
            try account.insert(db)
            _ = try self.append(audit, to: db)
            return account
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await self.writer.read { db in try Account.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id]) }
    }

    public func account(loginName: String) async throws -> Account? {
        try await self.writer.read { db in try Account.filter(Account.Columns.loginName == loginName).fetchOne(db) }
    }

    /// The accounts of an office, or all accounts when `officeID` is nil.
    public func accounts(officeID: Int64?) async throws -> [Account] {
        try await self.writer.read { db in
            var request = Account.order(Account.Columns.id)
            if let officeID { request = request.filter(Account.Columns.officeID == officeID) }
            return try request.fetchAll(db)
        }
    }

    public func throttleLoginAttempt(_ keys: [LoginThrottle.Key], at time: Double) async throws -> Double? {
        try await self.write { db -> Double? in
            let states = try keys.map { key in try LoginThrottle.State.fetchOne(db, key: key.id) }
            let waits = zip(keys, states).compactMap { key, state in key.policy.retryAfter(state, now: time) }
            if let wait = waits.max() { return wait }
            for (key, state) in zip(keys, states) {
                try key.policy.counting(state, key: key.id, now: time).save(db)
            }
            return nil
        }
    }

    public func loginSucceeded(_ keys: [LoginThrottle.Key], audit: AuditRecord) async throws {
        try await self.write { db in
            for key in keys {
                if key.clearedOnSuccess {
                    _ = try LoginThrottle.State.deleteOne(db, key: key.id)
                } else {
                    try db.execute(sql: "UPDATE loginThrottle SET attempts = max(0, attempts - 1) WHERE key = ?", arguments: [key.id])
                }
            }
            _ = try self.append(audit, to: db)
        }
    }

    public func loginThrottleState(key: String) async throws -> LoginThrottle.State? {
        try await self.writer.read { db in try LoginThrottle.State.fetchOne(db, key: key) }
    }

    // MARK: - Credentials

    public func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential {
        try await self.write { db in
            var credential = credential
            try credential.insert(db)
            if let audit { _ = try self.append(audit, to: db) }
            return credential
        }
    }

    public func credential(secretHash: String) async throws -> Credential? {
        try await self.writer.read { db in
            try Credential.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE secretHash = ?"), arguments: [secretHash])
        }
    }

    public func identity(secretHash: String) async throws -> (credential: Credential, account: Account, office: Office?)? {
        try await self.writer.read { db -> (credential: Credential, account: Account, office: Office?)? in
            guard
                let credential = try Credential.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE secretHash = ?"), arguments: [secretHash]),
                let account = try Account.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [credential.accountID])
            else { return nil }
            let office = try account.officeID.flatMap {
                try Office.fetchOne(db.cachedStatement(sql: "SELECT * FROM office WHERE id = ?"), arguments: [$0])
            }
            return (credential, account, office)
        }
    }

    public func credentials(accountID: Int64) async throws -> [Credential] {
        try await self.writer.read { db in
            try Credential.filter(Credential.Columns.accountID == accountID).order(Credential.Columns.id).fetchAll(db)
        }
    }

    /// Revokes a credential. Returns false (and audits nothing) when there is no such credential or it was already
    /// revoked: the first revocation time is kept.
    public func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(sql: "UPDATE credential SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [time, id])
            guard db.changesCount > 0 else { return false }
            _ = try self.append(audit, to: db)
            return true
        }
    }

    // MARK: - Exchange

    public func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], users: [String], requiringLink: Bool, audit: AuditRecord,
        receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        try await self.write { db -> (unit: ExchangeUnit, created: Bool) in
            if let existing = try ExchangeUnit.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM unit WHERE fingerprint = ? AND state NOT IN \(UnitState.deadStatesSQL)"), arguments: [unit.fingerprint])
            {
                return (existing, false)
            }
            if requiringLink && unit.senderOfficeID != unit.recipientOfficeID {
                // One indexed probe, nothing decoded: this runs inside the write transaction of every upload (a decoded
                // Partnership row cost uploads about a fifth of their rate under group commit).
                let linked = try Int.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT 1 FROM partnership
                            WHERE min(requesterOfficeID, recipientOfficeID) = min(?1, ?2) AND max(requesterOfficeID, recipientOfficeID) = max(?1, ?2)
                            AND state = 'linked'
                            """), arguments: [unit.senderOfficeID, unit.recipientOfficeID])
                guard linked != nil else { throw HubStoreConflict.notLinked }
            }
            // Checked inside the transaction too: two different units racing for one ファイル連番 cannot both win. A
            // withdrawn or expired unit no longer holds its number; the newest such one is linked from the new unit.
            // Sorted here, not in SQL: an ORDER BY createdAt made SQLite walk the sender's whole outbox (unit_outbox is
            // ordered that way) instead of looking the number up in unit_sequenceHistory.
            let holders = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, state, createdAt FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND timestamp = ?"),
                arguments: [unit.senderOfficeID, unit.recipientOfficeID, unit.timestamp])
            let states = try holders.map { row -> (id: String, state: UnitState, createdAt: Double) in
                let raw: String = row["state"]
                guard let state = UnitState(rawValue: raw) else { throw SQLiteHubStoreError.invalidValue(column: "unit.state", value: raw) }
                return (row["id"], state, row["createdAt"])
            }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            guard states.allSatisfy({ !$0.state.isLive }) else { throw HubStoreConflict.sequenceReused(unit.timestamp) }
            // An expired unit of which the recipient downloaded a file keeps its number: the recipient may hold that
            // file, and other content under the same number would make its import order undefined.
            for holder in states where holder.state == .expired {
                let downloaded = try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NOT NULL"), arguments: [holder.id]) ?? 0
                if downloaded > 0 { throw HubStoreConflict.sequenceReused(unit.timestamp) }
            }
            var unit = unit
            unit.previousUnitID = states.first?.id
            unit.acceptanceReceipt = try receipt(try self.append(audit, to: db))
            try unit.insert(db)
            for file in files {
                guard file.unitID == unit.id else { throw SQLiteHubStoreError.fileOfAnotherUnit(file.name) }
                try file.insert(db)
            }
            let user = try db.cachedStatement(sql: "INSERT OR IGNORE INTO unitUser (unitID, digest) VALUES (?, ?)")
            for digest in Set(users) { try user.execute(arguments: [unit.id, digest]) }
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

    public func files(unitID: String) async throws -> [UnitFile] {
        try await self.writer.read { db in
            try UnitFile.fetchAll(db.cachedStatement(sql: "SELECT * FROM unitFile WHERE unitID = ? ORDER BY name"), arguments: [unitID])
        }
    }

    public func body(sha256: String) async throws -> [UInt8]? {
        try await self.writer.read { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT ciphertext FROM blob WHERE sha256 = ?"), arguments: [sha256]).map { [UInt8]($0) }
        }
    }

    public func listedUnit(id: String) async throws -> ListedUnit? {
        try await self.writer.read { db in try Self.unit(id: id, in: db).map { try Self.listed([$0], in: db) }?.first }
    }

    public func inbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.writer.read { db in
            var filter = filter
            filter.states = (filter.states ?? UnitState.allCases).filter { $0 != .withdrawn }
            return try Self.listed(
                Self.listing(inbox: true, officeID, after: cursor, filter: filter, limit: limit, order: order, in: db), in: db)
        }
    }

    public func outbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.writer.read { db in
            try Self.listed(Self.listing(inbox: false, officeID, after: cursor, filter: filter, limit: limit, order: order, in: db), in: db)
        }
    }

    public func userCounts(unitIDs: [String]) async throws -> [String: Int] {
        guard !unitIDs.isEmpty else { return [:] }
        return try await self.writer.read { db in
            var counts: [String: Int] = [:]
            for start in stride(from: 0, to: unitIDs.count, by: 500) {
                let ids = Array(unitIDs[start..<min(start + 500, unitIDs.count)])
                for row in try Row.fetchAll(
                    db, sql: "SELECT unitID, COUNT(*) AS users FROM unitUser WHERE unitID IN (\(ids.map { _ in "?" }.joined(separator: ","))) GROUP BY unitID",
                    arguments: StatementArguments(ids))
                {
                    counts[row["unitID"]] = row["users"]
                }
            }
            return counts
        }
    }

    public func unreadCount(officeID: Int64) async throws -> Int {
        try await self.writer.read { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM unit WHERE recipientOfficeID = ? AND state = 'accepted'
                        AND NOT EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND f.downloadedAt IS NOT NULL)
                        """), arguments: [officeID]) ?? 0
        }
    }

    public func latestLiveUnits(from senderOfficeID: Int64, to recipientOfficeID: Int64, fileNamePrefixes: [String], limit: Int) async throws -> [ListedUnit] {
        guard !fileNamePrefixes.isEmpty else { return [] }
        return try await self.writer.read { db in
            // instr(name, prefix) = 1 is "starts with" without LIKE's wildcards (file names contain `_`).
            let matches = fileNamePrefixes.map { _ in "instr(f.name, ?) = 1" }.joined(separator: " OR ")
            let units = try ExchangeUnit.fetchAll(
                db,
                sql: """
                    SELECT * FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND state NOT IN \(UnitState.deadStatesSQL)
                    AND filesPurgedAt IS NULL AND EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND (\(matches)))
                    ORDER BY createdAt DESC, id DESC LIMIT ?
                    """,
                arguments: StatementArguments([senderOfficeID, recipientOfficeID] + fileNamePrefixes.map { $0 as any DatabaseValueConvertible } + [max(0, limit)]))
            return try Self.listed(units, in: db)
        }
    }

    /// Units of one office ordered by (createdAt, id), strictly after the cursor (keyset pagination on the
    /// `unit_inbox` / `unit_outbox` indexes).
    private static func listing(
        inbox: Bool, _ officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder, in db: Database
    ) throws -> [ExchangeUnit] {
        let (officeColumn, partnerColumn) =
            inbox
            ? (ExchangeUnit.Columns.recipientOfficeID, ExchangeUnit.Columns.senderOfficeID)
            : (ExchangeUnit.Columns.senderOfficeID, ExchangeUnit.Columns.recipientOfficeID)
        var request = ExchangeUnit.filter(officeColumn == officeID)
        if let states = filter.states {
            request = request.filter(states.map(\.rawValue).contains(ExchangeUnit.Columns.state))
        }
        if let partner = filter.partnerOfficeID {
            request = request.filter(partnerColumn == partner)
        }
        // The month is the six characters after the kind and its `_` (YYYYMM, or the start of a YYYYMMDD date).
        switch (filter.month, filter.kinds) {
        case (let month?, let kinds?):
            request = request.filter(
                literal: "EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND f.kind IN \(kinds) AND substr(f.name, length(f.kind) + 2, 6) = \(month))")
        case (let month?, nil):
            request = request.filter(literal: "EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND substr(f.name, length(f.kind) + 2, 6) = \(month))")
        case (nil, let kinds?):
            request = request.filter(literal: "EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND f.kind IN \(kinds))")
        case (nil, nil):
            break
        }
        if let digest = filter.userDigest {
            request = request.filter(literal: "EXISTS (SELECT 1 FROM unitUser u WHERE u.unitID = unit.id AND u.digest = \(digest))")
        }
        switch (order, cursor) {
        case (.oldestFirst, let cursor?):
            // Interpolated values are bound arguments, not SQL text.
            request = request.filter(literal: "(createdAt, id) > (\(cursor.createdAt), \(cursor.id))")
        case (.newestFirst, let cursor?):
            request = request.filter(literal: "(createdAt, id) < (\(cursor.createdAt), \(cursor.id))")
        case (_, nil):
            break
        }
        let ordered =
            order == .oldestFirst
            ? request.order(ExchangeUnit.Columns.createdAt, ExchangeUnit.Columns.id)
            : request.order(ExchangeUnit.Columns.createdAt.desc, ExchangeUnit.Columns.id.desc)
        return try ordered.limit(max(0, limit)).fetchAll(db)
    }

    /// The units with their files and offices in two more queries, however many units there are (a query per unit
    /// made a page of 1,000 cost ~70 pages of 10).
    static func listed(_ units: [ExchangeUnit], in db: Database) throws -> [ListedUnit] {
        guard !units.isEmpty else { return [] }
        if units.count == 1, let unit = units.first {
            // One unit (a download, an acknowledgement, the unit page): cached statements, as on the upload path.
            let office = try db.cachedStatement(sql: "SELECT * FROM office WHERE id = ?")
            guard let sender = try Office.fetchOne(office, arguments: [unit.senderOfficeID]),
                let recipient = try Office.fetchOne(office, arguments: [unit.recipientOfficeID])
            else { throw SQLiteHubStoreError.invalidValue(column: "unit.officeID", value: unit.id) }
            let files = try UnitFile.fetchAll(db.cachedStatement(sql: "SELECT * FROM unitFile WHERE unitID = ? ORDER BY name"), arguments: [unit.id])
            return [ListedUnit(unit: unit, files: files, sender: sender, recipient: recipient)]
        }
        // In chunks of 500 bound ids: SQLite before 3.32 allows 999 variables per statement.
        var files: [UnitFile] = []
        for start in stride(from: 0, to: units.count, by: 500) {
            let ids = units[start..<min(start + 500, units.count)].map(\.id)
            files += try UnitFile.filter(ids.contains(UnitFile.Columns.unitID)).order(UnitFile.Columns.unitID, UnitFile.Columns.name).fetchAll(db)
        }
        let filesByUnit = Dictionary(grouping: files, by: \.unitID)
        let officeIDs = Set(units.flatMap { [$0.senderOfficeID, $0.recipientOfficeID] })
        let offices = Dictionary(uniqueKeysWithValues: try Office.filter(officeIDs.contains(Office.Columns.id)).fetchAll(db).map { ($0.id, $0) })
        return try units.map { unit in
            guard let sender = offices[unit.senderOfficeID], let recipient = offices[unit.recipientOfficeID] else {
                throw SQLiteHubStoreError.invalidValue(column: "unit.officeID", value: unit.id)
            }
            return ListedUnit(unit: unit, files: filesByUnit[unit.id] ?? [], sender: sender, recipient: recipient)
        }
    }

    public func markDownloaded(
        unitID: String, fileName: String, at time: Double, audit: AuditRecord, received: UnitTransition
    ) async throws -> ExchangeUnit? {
        try await self.write { db -> ExchangeUnit? in
            guard var unit = try Self.unit(id: unitID, in: db) else { return nil }
            // Withdrawal and expiry are decided in their own transactions: once made, nothing more is handed out.
            guard unit.state.isLive else { return unit }
            try db.execute(
                sql: "UPDATE unitFile SET downloadedAt = ? WHERE unitID = ? AND name = ? AND downloadedAt IS NULL", arguments: [time, unitID, fileName])
            _ = try self.append(audit, to: db)
            let remaining = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NULL"), arguments: [unitID]) ?? 0
            guard unit.state == .accepted, remaining == 0 else { return unit }
            unit.state = .downloaded
            unit.downloadedAt = time
            try unit.update(db)
            try self.saveReceipt(.received, of: unit, at: time, transition: received, in: db)
            return unit
        }
    }

    public func reportImport(
        unitID: String, outcome: UnitState, problems: String?, at time: Double, transition: UnitTransition
    ) async throws -> TransitionOutcome? {
        precondition(outcome == .imported || outcome == .importRefused, "an import reports imported or importRefused")
        let event: UnitReceiptEvent = outcome == .imported ? .imported : .importRefused
        return try await self.write { db -> TransitionOutcome? in
            guard var unit = try Self.unit(id: unitID, in: db) else { return nil }
            if unit.state == outcome { return .unchanged(unit, receipt: try Self.receipt(event, unitID: unitID, in: db)) }
            guard unit.state == .downloaded || (unit.state == .importRefused && outcome == .imported) else { return .notAllowed(unit) }
            unit.state = outcome
            unit.importReportedAt = time
            unit.importProblems = outcome == .importRefused ? problems : nil
            try unit.update(db)
            return .changed(unit, receipt: try self.saveReceipt(event, of: unit, at: time, transition: transition, in: db))
        }
    }

    public func withdraw(unitID: String, at time: Double, transition: UnitTransition) async throws -> TransitionOutcome? {
        try await self.write { db -> TransitionOutcome? in
            guard var unit = try Self.unit(id: unitID, in: db) else { return nil }
            if unit.state == .withdrawn { return .unchanged(unit, receipt: try Self.receipt(.withdrawn, unitID: unitID, in: db)) }
            let downloaded = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NOT NULL"), arguments: [unitID]) ?? 0
            guard unit.state == .accepted, downloaded == 0 else { return .notAllowed(unit) }
            unit.state = .withdrawn
            unit.withdrawnAt = time
            unit.filesPurgedAt = time
            try unit.update(db)
            let receipt = try self.saveReceipt(.withdrawn, of: unit, at: time, transition: transition, in: db)
            // Only this unit's bodies, unless another unit that keeps its files has the same one (a scan of every
            // body would hold the single writer for the whole table).
            try db.execute(
                sql: """
                    DELETE FROM blob WHERE sha256 IN (SELECT sha256 FROM unitFile WHERE unitID = ?) AND sha256 NOT IN (
                        SELECT unitFile.sha256 FROM unitFile JOIN unit ON unit.id = unitFile.unitID
                        WHERE unit.filesPurgedAt IS NULL AND unitFile.sha256 IN (SELECT sha256 FROM unitFile WHERE unitID = ?)
                    )
                    """, arguments: [unitID, unitID])
            return .changed(unit, receipt: receipt)
        }
    }

    public func receipts(unitID: String) async throws -> [(event: UnitReceiptEvent, receipt: String)] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT event, signed FROM unitReceipt WHERE unitID = ? ORDER BY time, rowid", arguments: [unitID]).map { row in
                let raw: String = row["event"]
                guard let event = UnitReceiptEvent(rawValue: raw) else { throw SQLiteHubStoreError.invalidValue(column: "unitReceipt.event", value: raw) }
                return (event, row["signed"])
            }
        }
    }

    /// Appends the transition's audit entry, signs its receipt for that position and keeps it, in the caller's transaction.
    @discardableResult
    private func saveReceipt(_ event: UnitReceiptEvent, of unit: ExchangeUnit, at time: Double, transition: UnitTransition, in db: Database) throws -> String {
        let signed = try transition.receipt(unit, try self.append(transition.audit, to: db))
        try db.execute(
            sql: "INSERT INTO unitReceipt (unitID, event, time, signed) VALUES (?, ?, ?, ?)", arguments: [unit.id, event.rawValue, time, signed])
        return signed
    }

    private static func receipt(_ event: UnitReceiptEvent, unitID: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT signed FROM unitReceipt WHERE unitID = ? AND event = ?", arguments: [unitID, event.rawValue])
    }

    /// unitFile rows stay (names and digests are the proof of what was sent); a body goes once no unit that still has
    /// its files refers to it.
    private static func deleteUnreferencedBodies(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM blob WHERE sha256 NOT IN (
                    SELECT unitFile.sha256 FROM unitFile JOIN unit ON unit.id = unitFile.unitID WHERE unit.filesPurgedAt IS NULL
                )
                """)
    }

    // MARK: - Retention

    public func applyRetention(
        unreadBefore: Double, readBefore: Double, at time: Double, expiry: @escaping @Sendable (ListedUnit, AuditPosition) throws -> String
    ) async throws -> (expired: Int, purged: Int) {
        try await self.write { db -> (expired: Int, purged: Int) in
            let expired = try ExchangeUnit.fetchAll(
                db, sql: "SELECT * FROM unit WHERE state = ? AND createdAt < ? ORDER BY createdAt, id", arguments: [UnitState.accepted.rawValue, unreadBefore])
            for var unit in expired {
                unit.state = .expired
                unit.expiredAt = time
                try unit.update(db)
                let listed = try Self.listed([unit], in: db)[0]
                let transition = UnitTransition(audit: AuditRecord(actor: "system", office: nil, action: "expire", subject: unit.id)) { _, position in
                    try expiry(listed, position)
                }
                try self.saveReceipt(.expired, of: unit, at: time, transition: transition, in: db)
            }

            let purged = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM unit
                    WHERE filesPurgedAt IS NULL AND (
                        (state IN ('downloaded', 'imported', 'importRefused') AND coalesce(importReportedAt, downloadedAt) < ?)
                        OR (state = 'expired' AND expiredAt < ?))
                    ORDER BY createdAt, id
                    """,
                arguments: [readBefore, readBefore])
            for id in purged {
                try db.execute(sql: "UPDATE unit SET filesPurgedAt = ? WHERE id = ?", arguments: [time, id])
                _ = try self.append(AuditRecord(actor: "system", office: nil, action: "purge", subject: id), to: db)
            }

            // Login throttle counters outlive their reset window by a day at most.
            try db.execute(sql: "DELETE FROM loginThrottle WHERE lastAttemptAt < ?", arguments: [time - 86_400])
            try Self.deleteUnreferencedBodies(db)
            return (expired.count, purged.count)
        }
    }

    // MARK: - Audit

    public func appendAudit(_ record: AuditRecord) async throws {
        try await self.write { db in _ = try self.append(record, to: db) }
    }

    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await self.writer.read { db in
            try AuditEntry.filter(AuditEntry.Columns.sequence >= sequence)
                .order(AuditEntry.Columns.sequence)
                .limit(max(0, limit))
                .fetchAll(db)
                
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
    /// interleave with another writer, even one in another process.
    func append(_ record: AuditRecord, to db: Database) throws -> AuditPosition {
        let entry = AuditChain.entry(after: try Self.head(db), recording: record, at: self.now())
        try entry.insert(db)
        return entry.position
    }

    /// Hot lookups use cached statements: preparing GRDB's query-interface SQL (and its authorizer) per call was about a
    /// quarter of the hub's upload profile.
    private static func unit(id: String, in db: Database) throws -> ExchangeUnit? {
        try ExchangeUnit.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE id = ?"), arguments: [id])
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
