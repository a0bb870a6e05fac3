// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanExchange
public import CarePlanHubStore
import Foundation
public import Logging
import NIOSSL
import PostgresNIO
import ServiceLifecycle

/// The hub's storage on PostgreSQL, through postgres-nio: for several hub processes on one database.
///
/// Every method is one transaction, as on SQLite. Every write transaction first takes one hub-wide advisory lock
/// (`pg_advisory_xact_lock`), held to its commit: writes are serialised across every process, exactly as SQLite's single
/// writer serialises them, so the rules the conformance suite checks (one ファイル連番 per sender and recipient, the
/// audit chain built from the head inside each change, login counting before the check) hold for any number of hubs.
/// Reads take no lock. The price is that writes do not run in parallel; `careplan-bench hub` prints what that costs.
///
/// The pool (`PostgresClient`, a `Service` of postgres-nio) runs in a task of the store from ``open(_:logger:)`` to
/// ``close()``: the hub reads its settings before its service group starts, and a store outlives a server stopped over
/// it. `careplan serve` closes it after the server's graceful shutdown.
///
/// ```swift
/// let store = try await PostgresHubStore.open(url: "postgres://careplan@127.0.0.1/careplan")
/// ```
public struct PostgresHubStore: HubStore {
    /// How to reach the database.
    public struct Configuration: Sendable {
        /// `postgres://user:password@host:port/database?sslmode=disable|verify-full&sslrootcert=FILE&schema=NAME`.
        public var url: String
        /// The schema to keep the tables in, instead of the URL's `schema` (tests give each store its own).
        public var schema: String?
        /// Connections this process keeps at most.
        public var maximumConnections: Int
        /// How long an idle connection stays open.
        public var connectionIdleTimeout: Duration
        /// The time audit entries are stamped with, seconds since 1970.
        public var now: @Sendable () -> Double
        /// Seconds since 1970 from the system clock.
        public static let systemClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

        public init(
            url: String, schema: String? = nil, maximumConnections: Int = 20, connectionIdleTimeout: Duration = .seconds(60),
            now: @escaping @Sendable () -> Double = Configuration.systemClock
        ) {
            self.url = url
            self.schema = schema
            self.maximumConnections = maximumConnections
            self.connectionIdleTimeout = connectionIdleTimeout
            self.now = now
        }
    }

    /// The advisory lock every write transaction holds: "CPLH" in ASCII.
    static let writeLock: Int64 = 0x4350_4C48
    /// The lock a migration holds, so that two hubs starting at once do not both migrate.
    static let migrationLock: Int64 = 0x4350_4C4D

    let client: PostgresClient
    let logger: Logger
    let now: @Sendable () -> Double
    /// The task running the pool; cancelled by ``run()`` at shutdown or by ``close()``.
    private let pool: Task<Void, Never>
    /// What the URL said, for ``durability()``.
    let target: PostgresURL

    /// Opens the database at `url`, brings its schema up to date and returns the store with its pool running.
    /// - Throws: ``PostgresHubStoreError`` for an unreadable URL or a schema of a newer hub; `PSQLError` when the
    ///   server cannot be reached or refuses the login.
    public static func open(_ configuration: Configuration, logger: Logger = Logger(label: "careplan.postgres")) async throws -> PostgresHubStore {
        var target = try PostgresURL(configuration.url)
        if let schema = configuration.schema { target.schema = try PostgresURL.checkedSchema(schema) }
        var clientConfiguration = PostgresClient.Configuration(
            host: target.host, port: target.port, username: target.user, password: target.password, database: target.database,
            tls: try target.tls())
        clientConfiguration.options.maximumConnections = max(2, configuration.maximumConnections)
        clientConfiguration.options.connectionIdleTimeout = configuration.connectionIdleTimeout
        if let schema = target.schema {
            clientConfiguration.options.additionalStartupParameters = [("search_path", schema)]
        }
        // The pool's own log: errors only. A query that finds no connection throws to its caller, and the first
        // lease may race the pool task's start, which postgres-nio warns about although the lease just waits.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: background)
        let pool = Task { await client.run() }
        let store = PostgresHubStore(client: client, logger: logger, now: configuration.now, pool: pool, target: target)
        do {
            try await store.migrate()
        } catch {
            pool.cancel()
            throw error
        }
        return store
    }

    /// Opens the database at `url` with the default pool.
    public static func open(url: String, logger: Logger = Logger(label: "careplan.postgres")) async throws -> PostgresHubStore {
        try await Self.open(Configuration(url: url), logger: logger)
    }

    private init(client: PostgresClient, logger: Logger, now: @escaping @Sendable () -> Double, pool: Task<Void, Never>, target: PostgresURL) {
        self.client = client
        self.logger = logger
        self.now = now
        self.pool = pool
        self.target = target
    }

    /// Waits for the hub's graceful shutdown. The pool stays open: a store outlives a server stopped over it (the
    /// CLI, the tests), as SQLite's does; ``close()`` ends it.
    public func run() async throws {
        try? await gracefulShutdown()
    }

    /// Closes the pool; the store cannot be used afterwards.
    public func close() {
        self.pool.cancel()
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction holding the hub-wide write lock; commits when it returns, rolls back when it throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await self.client.withConnection { connection in
            try await Self.transaction(holding: Self.writeLock, on: PostgresSession(connection: connection, logger: self.logger), body)
        }
    }

    /// One transaction on `session`'s connection that first takes the advisory lock `key` (released at its end).
    private static func transaction<T: Sendable>(
        holding key: Int64, on session: PostgresSession, _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws -> T {
        try await session.execute("BEGIN")
        do {
            try await session.execute("SELECT pg_advisory_xact_lock(?)", [key])
            let result = try await body(session)
            try await session.execute("COMMIT")
            return result
        } catch {
            do {
                try await session.execute("ROLLBACK")
            } catch {
                // A connection whose rollback failed may still be inside its transaction, holding the lock: closed, the
                // pool drops it instead of lending it out again (which would stop every writer of every hub).
                try? await session.connection.close()
            }
            throw error
        }
    }

    /// Runs `body` on a pooled connection, outside a transaction.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await self.client.withConnection { connection in
            try await body(PostgresSession(connection: connection, logger: self.logger))
        }
    }

    /// Applies the migrations this hub knows and the database lacks, in one transaction under the migration lock (the
    /// schema is created under it too: two first starts at once would race on `CREATE SCHEMA IF NOT EXISTS`).
    private func migrate() async throws {
        try await self.client.withConnection { connection in
            let session = PostgresSession(connection: connection, logger: self.logger)
            try await Self.transaction(holding: Self.migrationLock, on: session) { session in
                if let schema = self.target.schema { try await session.execute("CREATE SCHEMA IF NOT EXISTS \(schema)") }
                try await session.execute("CREATE TABLE IF NOT EXISTS schemaMigration (name TEXT PRIMARY KEY, appliedAt DOUBLE PRECISION NOT NULL)")
                let applied = Set(try await session.rows("SELECT name FROM schemaMigration").map { try $0.decode("name", as: String.self) })
                let known = Set(PostgresMigrations.all.map(\.name))
                // An older hub must not write into a schema it does not know.
                let unknown = applied.subtracting(known)
                guard unknown.isEmpty else { throw PostgresHubStoreError.schemaTooNew(unknown: unknown.sorted()) }
                for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                    for statement in migration.statements { try await session.execute(statement) }
                    try await session.execute("INSERT INTO schemaMigration (name, appliedAt) VALUES (?, ?)", [migration.name, self.now()])
                }
            }
        }
    }

    // MARK: - Offices and accounts

    public func createOffice(_ office: Office, audit: AuditRecord) async throws -> Office {
        try await self.write { session in
            var office = office
            office.id = try await session.insertReturningID(office)
            _ = try await self.append(audit, in: session)
            return office
        }
    }

    public func office(id: Int64) async throws -> Office? {
        try await self.read { session in try await session.fetchOne(Office.self, "SELECT * FROM office WHERE id = ?", [id]) }
    }

    public func office(number: String, serviceType: String) async throws -> Office? {
        try await self.read { session in
            try await session.fetchOne(Office.self, "SELECT * FROM office WHERE number = ? AND serviceType = ?", [number, serviceType])
        }
    }

    public func offices() async throws -> [Office] {
        try await self.read { session in try await session.fetchAll(Office.self, "SELECT * FROM office ORDER BY id") }
    }

    public func createAccount(_ account: Account, audit: AuditRecord) async throws -> Account {
        try await self.write { session in
            var account = account
            account.id = try await session.insertReturningID(account)
            _ = try await self.append(audit, in: session)
            return account
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await self.read { session in try await session.fetchOne(Account.self, "SELECT * FROM account WHERE id = ?", [id]) }
    }

    public func account(loginName: String) async throws -> Account? {
        try await self.read { session in try await session.fetchOne(Account.self, "SELECT * FROM account WHERE loginName = ?", [loginName]) }
    }

    /// The accounts of an office, or all accounts when `officeID` is nil.
    public func accounts(officeID: Int64?) async throws -> [Account] {
        try await self.read { session in
            if let officeID { return try await session.fetchAll(Account.self, "SELECT * FROM account WHERE officeID = ? ORDER BY id", [officeID]) }
            return try await session.fetchAll(Account.self, "SELECT * FROM account ORDER BY id")
        }
    }

    public func throttleLoginAttempt(_ keys: [LoginThrottle.Key], at time: Double) async throws -> Double? {
        try await self.write { session -> Double? in
            var states: [LoginThrottle.State?] = []
            for key in keys {
                states.append(try await session.fetchOne(LoginThrottle.State.self, "SELECT * FROM loginThrottle WHERE key = ?", [key.id]))
            }
            let waits = zip(keys, states).compactMap { key, state in key.policy.retryAfter(state, now: time) }
            if let wait = waits.max() { return wait }
            for (key, state) in zip(keys, states) {
                let counted = key.policy.counting(state, key: key.id, now: time)
                try await session.execute(
                    LoginThrottle.State.insertSQL()
                        + " ON CONFLICT (key) DO UPDATE SET attempts = excluded.attempts, lastAttemptAt = excluded.lastAttemptAt, blockedUntil = excluded.blockedUntil",
                    counted.insertValues)
            }
            return nil
        }
    }

    public func loginSucceeded(_ keys: [LoginThrottle.Key], audit: AuditRecord) async throws {
        try await self.write { session in
            for key in keys {
                if key.clearedOnSuccess {
                    try await session.execute("DELETE FROM loginThrottle WHERE key = ?", [key.id])
                } else {
                    try await session.execute("UPDATE loginThrottle SET attempts = GREATEST(0, attempts - 1) WHERE key = ?", [key.id])
                }
            }
            _ = try await self.append(audit, in: session)
        }
    }

    public func loginThrottleState(key: String) async throws -> LoginThrottle.State? {
        try await self.read { session in try await session.fetchOne(LoginThrottle.State.self, "SELECT * FROM loginThrottle WHERE key = ?", [key]) }
    }

    // MARK: - Credentials

    public func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential {
        try await self.write { session in
            var credential = credential
            credential.id = try await session.insertReturningID(credential)
            if let audit { _ = try await self.append(audit, in: session) }
            return credential
        }
    }

    public func credential(secretHash: String) async throws -> Credential? {
        try await self.read { session in try await session.fetchOne(Credential.self, "SELECT * FROM credential WHERE secretHash = ?", [secretHash]) }
    }

    public func identity(secretHash: String) async throws -> (credential: Credential, account: Account, office: Office?)? {
        // One round trip per authenticated request: the three rows in one statement, each read by its own columns.
        try await self.read { session -> (credential: Credential, account: Account, office: Office?)? in
            guard let row = try await session.row(Self.identitySQL, [secretHash]) else { return nil }
            let credential = try Credential(sqlRow: row.prefixed("c_"))
            let account = try Account(sqlRow: row.prefixed("a_"))
            let office = try row.decode("o_id", as: Int64?.self) == nil ? nil : try Office(sqlRow: row.prefixed("o_"))
            return (credential, account, office)
        }
    }

    /// The credential, its account and the account's office as one row, their columns prefixed `c_`, `a_` and `o_`.
    private static let identitySQL: String = {
        func columns(_ table: String, _ alias: String, _ names: [String]) -> String {
            names.map { "\(alias).\($0) AS \(alias)_\($0)" }.joined(separator: ", ")
        }
        return """
            SELECT \(columns("credential", "c", ["id"] + Credential.insertColumns)), \(columns("account", "a", ["id"] + Account.insertColumns)),
                \(columns("office", "o", ["id"] + Office.insertColumns))
            FROM credential c JOIN account a ON a.id = c.accountID LEFT JOIN office o ON o.id = a.officeID
            WHERE c.secretHash = ?
            """
    }()

    public func credentials(accountID: Int64) async throws -> [Credential] {
        try await self.read { session in try await session.fetchAll(Credential.self, "SELECT * FROM credential WHERE accountID = ? ORDER BY id", [accountID]) }
    }

    /// Revokes a credential once: the first revocation time is kept, and a second one audits nothing.
    public func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            guard try await session.changes("UPDATE credential SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL RETURNING 1", [time, id]) > 0
            else { return false }
            _ = try await self.append(audit, in: session)
            return true
        }
    }

    // MARK: - Exchange

    public func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], users: [String], requiringLink: Bool, audit: AuditRecord,
        receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        try await self.write { session -> (unit: ExchangeUnit, created: Bool) in
            if let existing = try await session.fetchOne(
                ExchangeUnit.self, "SELECT * FROM unit WHERE fingerprint = ? AND state NOT IN \(UnitState.deadStatesSQL)", [unit.fingerprint])
            {
                return (existing, false)
            }
            if requiringLink && unit.senderOfficeID != unit.recipientOfficeID {
                let linked = try await session.row(
                    """
                    SELECT 1 FROM partnership
                    WHERE LEAST(requesterOfficeID, recipientOfficeID) = LEAST(?::bigint, ?::bigint)
                    AND GREATEST(requesterOfficeID, recipientOfficeID) = GREATEST(?::bigint, ?::bigint) AND state = 'linked'
                    """, [unit.senderOfficeID, unit.recipientOfficeID, unit.senderOfficeID, unit.recipientOfficeID])
                guard linked != nil else { throw HubStoreConflict.notLinked }
            }
            // The ファイル連番 rule, as on SQLite: a live holder refuses the number; the newest dead one is linked.
            let holders = try await session.rows(
                "SELECT id, state, createdAt FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND timestamp = ?",
                [unit.senderOfficeID, unit.recipientOfficeID, unit.timestamp])
            let states = try holders.map { row -> (id: String, state: UnitState, createdAt: Double) in
                (try row.decode("id"), try row.decodeEnum("state"), try row.decode("createdAt"))
            }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            guard states.allSatisfy({ !$0.state.isLive }) else { throw HubStoreConflict.sequenceReused(unit.timestamp) }
            for holder in states where holder.state == .expired {
                let downloaded = try await session.scalar(
                    Int.self, "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NOT NULL", [holder.id]) ?? 0
                if downloaded > 0 { throw HubStoreConflict.sequenceReused(unit.timestamp) }
            }
            var unit = unit
            unit.previousUnitID = states.first?.id
            unit.acceptanceReceipt = try receipt(try await self.append(audit, in: session))
            try await session.insert(unit)
            // Every file in one statement: this runs under the write lock, where each round trip counts.
            for file in files where file.unitID != unit.id { throw PostgresHubStoreError.fileOfAnotherUnit(file.name) }
            if !files.isEmpty {
                try await session.execute(
                    """
                    INSERT INTO unitFile (unitID, name, sha256, size, kind)
                    SELECT ?, name, sha256, size, kind FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) AS f(name, sha256, size, kind)
                    """,
                    [unit.id, SQLArgument.list(files.map(\.name)), SQLArgument.list(files.map(\.sha256)), files.map { Int64($0.size) },
                     SQLArgument.list(files.map(\.kind))])
            }
            let digests = Array(Set(users))
            if !digests.isEmpty {
                try await session.execute(
                    "INSERT INTO unitUser (unitID, digest) SELECT ?, digest FROM unnest(?::text[]) AS digest ON CONFLICT DO NOTHING",
                    [unit.id, SQLArgument.list(digests)])
            }
            // Bodies are content-addressed: an identical file sent again (in another unit) is stored once.
            for sha256 in Set(files.map(\.sha256)) {
                if let body = bodies[sha256] {
                    try await session.execute(
                        "INSERT INTO blob (sha256, ciphertext) VALUES (?, ?) ON CONFLICT DO NOTHING", [sha256, SQLArgument.blob(body)])
                } else if try await session.row("SELECT 1 FROM blob WHERE sha256 = ?", [sha256]) == nil {
                    throw PostgresHubStoreError.missingBody(sha256: sha256)
                }
            }
            return (unit, true)
        }
    }

    public func unit(id: String) async throws -> ExchangeUnit? {
        try await self.read { session in try await Self.unit(id: id, in: session) }
    }

    public func files(unitID: String) async throws -> [UnitFile] {
        try await self.read { session in try await session.fetchAll(UnitFile.self, "SELECT * FROM unitFile WHERE unitID = ? ORDER BY name", [unitID]) }
    }

    public func body(sha256: String) async throws -> [UInt8]? {
        try await self.read { session in
            guard let buffer = try await session.scalar(ByteBuffer.self, "SELECT ciphertext FROM blob WHERE sha256 = ?", [sha256]) else { return nil }
            return Array(buffer.readableBytesView)
        }
    }

    public func listedUnit(id: String) async throws -> ListedUnit? {
        try await self.read { session in
            guard let unit = try await Self.unit(id: id, in: session) else { return nil }
            return try await Self.listed([unit], in: session).first
        }
    }

    public func inbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.read { session in
            var filter = filter
            filter.states = (filter.states ?? UnitState.allCases).filter { $0 != .withdrawn }
            return try await Self.listed(
                try await Self.listing(inbox: true, officeID, after: cursor, filter: filter, limit: limit, order: order, in: session), in: session)
        }
    }

    public func outbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.read { session in
            try await Self.listed(
                try await Self.listing(inbox: false, officeID, after: cursor, filter: filter, limit: limit, order: order, in: session), in: session)
        }
    }

    public func userCounts(unitIDs: [String]) async throws -> [String: Int] {
        guard !unitIDs.isEmpty else { return [:] }
        return try await self.read { session in
            var counts: [String: Int] = [:]
            for row in try await session.rows(
                "SELECT unitID, COUNT(*) AS users FROM unitUser WHERE unitID = ANY(?) GROUP BY unitID", [SQLArgument.list(unitIDs)])
            {
                counts[try row.decode("unitID")] = try row.decode("users", as: Int.self)
            }
            return counts
        }
    }

    public func unreadCount(officeID: Int64) async throws -> Int {
        try await self.read { session in
            try await session.scalar(
                Int.self,
                """
                SELECT COUNT(*) FROM unit WHERE recipientOfficeID = ? AND state = 'accepted'
                AND NOT EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND f.downloadedAt IS NOT NULL)
                """, [officeID]) ?? 0
        }
    }

    public func latestLiveUnits(from senderOfficeID: Int64, to recipientOfficeID: Int64, fileNamePrefixes: [String], limit: Int) async throws -> [ListedUnit] {
        guard !fileNamePrefixes.isEmpty else { return [] }
        return try await self.read { session in
            // starts_with is "starts with" without LIKE's wildcards (file names contain `_`).
            let units = try await session.fetchAll(
                ExchangeUnit.self,
                """
                SELECT * FROM unit WHERE senderOfficeID = ? AND recipientOfficeID = ? AND state NOT IN \(UnitState.deadStatesSQL)
                AND filesPurgedAt IS NULL AND EXISTS (
                    SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND EXISTS (SELECT 1 FROM unnest(?::text[]) AS p WHERE starts_with(f.name, p)))
                ORDER BY createdAt DESC, id DESC LIMIT ?
                """, [senderOfficeID, recipientOfficeID, SQLArgument.list(fileNamePrefixes), max(0, limit)])
            return try await Self.listed(units, in: session)
        }
    }

    /// Units of one office ordered by (createdAt, id), strictly after the cursor (keyset pagination on the
    /// `unit_inbox` / `unit_outbox` indexes).
    private static func listing(
        inbox: Bool, _ officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder, in session: PostgresSession
    ) async throws -> [ExchangeUnit] {
        let (officeColumn, partnerColumn) = inbox ? ("recipientOfficeID", "senderOfficeID") : ("senderOfficeID", "recipientOfficeID")
        var conditions = ["\(officeColumn) = ?"]
        var arguments: [any SQLArgumentConvertible] = [officeID]
        if let states = filter.states {
            conditions.append("state = ANY(?)")
            arguments.append(SQLArgument.list(states.map(\.rawValue)))
        }
        if let partner = filter.partnerOfficeID {
            conditions.append("\(partnerColumn) = ?")
            arguments.append(partner)
        }
        // The month is the six characters after the kind and its `_` (YYYYMM, or the start of a YYYYMMDD date).
        var fileConditions: [String] = []
        if let kinds = filter.kinds {
            fileConditions.append("f.kind = ANY(?)")
            arguments.append(SQLArgument.list(kinds))
        }
        if let month = filter.month {
            fileConditions.append("substr(f.name, length(f.kind) + 2, 6) = ?")
            arguments.append(month)
        }
        if !fileConditions.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM unitFile f WHERE f.unitID = unit.id AND \(fileConditions.joined(separator: " AND ")))")
        }
        if let digest = filter.userDigest {
            conditions.append("EXISTS (SELECT 1 FROM unitUser u WHERE u.unitID = unit.id AND u.digest = ?)")
            arguments.append(digest)
        }
        if let cursor {
            conditions.append(order == .oldestFirst ? "(createdAt, id) > (?, ?)" : "(createdAt, id) < (?, ?)")
            arguments += [cursor.createdAt, cursor.id]
        }
        arguments.append(max(0, limit))
        let direction = order == .oldestFirst ? "ASC" : "DESC"
        return try await session.fetchAll(
            ExchangeUnit.self,
            "SELECT * FROM unit WHERE \(conditions.joined(separator: " AND ")) ORDER BY createdAt \(direction), id \(direction) LIMIT ?", arguments)
    }

    /// The units with their files and offices in two more queries, however many units there are.
    static func listed(_ units: [ExchangeUnit], in session: PostgresSession) async throws -> [ListedUnit] {
        guard !units.isEmpty else { return [] }
        let files = try await session.fetchAll(
            UnitFile.self, "SELECT * FROM unitFile WHERE unitID = ANY(?) ORDER BY unitID, name", [SQLArgument.list(units.map(\.id))])
        let filesByUnit = Dictionary(grouping: files, by: \.unitID)
        let officeIDs = Array(Set(units.flatMap { [$0.senderOfficeID, $0.recipientOfficeID] }))
        let offices = Dictionary(
            uniqueKeysWithValues: try await session.fetchAll(Office.self, "SELECT * FROM office WHERE id = ANY(?)", [officeIDs]).map { ($0.id, $0) })
        return try units.map { unit in
            guard let sender = offices[unit.senderOfficeID], let recipient = offices[unit.recipientOfficeID] else {
                throw PostgresHubStoreError.invalidValue(column: "unit.officeID", value: unit.id)
            }
            return ListedUnit(unit: unit, files: filesByUnit[unit.id] ?? [], sender: sender, recipient: recipient)
        }
    }

    public func markDownloaded(
        unitID: String, fileName: String, at time: Double, audit: AuditRecord, received: UnitTransition
    ) async throws -> ExchangeUnit? {
        try await self.write { session -> ExchangeUnit? in
            guard var unit = try await Self.unit(id: unitID, in: session) else { return nil }
            // Withdrawal and expiry are decided in their own transactions: once made, nothing more is handed out.
            guard unit.state.isLive else { return unit }
            try await session.execute(
                "UPDATE unitFile SET downloadedAt = ? WHERE unitID = ? AND name = ? AND downloadedAt IS NULL", [time, unitID, fileName])
            _ = try await self.append(audit, in: session)
            let remaining = try await session.scalar(Int.self, "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NULL", [unitID]) ?? 0
            guard unit.state == .accepted, remaining == 0 else { return unit }
            unit.state = .downloaded
            unit.downloadedAt = time
            try await session.execute(ExchangeUnit.updateSQL, unit.updateValues)
            try await self.saveReceipt(.received, of: unit, at: time, transition: received, in: session)
            return unit
        }
    }

    public func reportImport(
        unitID: String, outcome: UnitState, problems: String?, at time: Double, transition: UnitTransition
    ) async throws -> TransitionOutcome? {
        precondition(outcome == .imported || outcome == .importRefused, "an import reports imported or importRefused")
        let event: UnitReceiptEvent = outcome == .imported ? .imported : .importRefused
        return try await self.write { session -> TransitionOutcome? in
            guard var unit = try await Self.unit(id: unitID, in: session) else { return nil }
            if unit.state == outcome { return .unchanged(unit, receipt: try await Self.receipt(event, unitID: unitID, in: session)) }
            guard unit.state == .downloaded || (unit.state == .importRefused && outcome == .imported) else { return .notAllowed(unit) }
            unit.state = outcome
            unit.importReportedAt = time
            unit.importProblems = outcome == .importRefused ? problems : nil
            try await session.execute(ExchangeUnit.updateSQL, unit.updateValues)
            return .changed(unit, receipt: try await self.saveReceipt(event, of: unit, at: time, transition: transition, in: session))
        }
    }

    public func withdraw(unitID: String, at time: Double, transition: UnitTransition) async throws -> TransitionOutcome? {
        try await self.write { session -> TransitionOutcome? in
            guard var unit = try await Self.unit(id: unitID, in: session) else { return nil }
            if unit.state == .withdrawn { return .unchanged(unit, receipt: try await Self.receipt(.withdrawn, unitID: unitID, in: session)) }
            let downloaded = try await session.scalar(
                Int.self, "SELECT COUNT(*) FROM unitFile WHERE unitID = ? AND downloadedAt IS NOT NULL", [unitID]) ?? 0
            guard unit.state == .accepted, downloaded == 0 else { return .notAllowed(unit) }
            unit.state = .withdrawn
            unit.withdrawnAt = time
            unit.filesPurgedAt = time
            try await session.execute(ExchangeUnit.updateSQL, unit.updateValues)
            let receipt = try await self.saveReceipt(.withdrawn, of: unit, at: time, transition: transition, in: session)
            // Only this unit's bodies, unless another unit that keeps its files has the same one.
            try await session.execute(
                """
                DELETE FROM blob WHERE sha256 IN (SELECT sha256 FROM unitFile WHERE unitID = ?) AND sha256 NOT IN (
                    SELECT unitFile.sha256 FROM unitFile JOIN unit ON unit.id = unitFile.unitID
                    WHERE unit.filesPurgedAt IS NULL AND unitFile.sha256 IN (SELECT sha256 FROM unitFile WHERE unitID = ?)
                )
                """, [unitID, unitID])
            return .changed(unit, receipt: receipt)
        }
    }

    public func receipts(unitID: String) async throws -> [(event: UnitReceiptEvent, receipt: String)] {
        try await self.read { session in
            try await session.rows("SELECT event, signed FROM unitReceipt WHERE unitID = ? ORDER BY time, id", [unitID]).map { row in
                (try row.decodeEnum("event"), try row.decode("signed"))
            }
        }
    }

    /// Appends the transition's audit entry, signs its receipt for that position and keeps it, in the caller's transaction.
    @discardableResult
    private func saveReceipt(
        _ event: UnitReceiptEvent, of unit: ExchangeUnit, at time: Double, transition: UnitTransition, in session: PostgresSession
    ) async throws -> String {
        let signed = try transition.receipt(unit, try await self.append(transition.audit, in: session))
        try await session.execute("INSERT INTO unitReceipt (unitID, event, time, signed) VALUES (?, ?, ?, ?)", [unit.id, event.rawValue, time, signed])
        return signed
    }

    private static func receipt(_ event: UnitReceiptEvent, unitID: String, in session: PostgresSession) async throws -> String? {
        try await session.scalar(String.self, "SELECT signed FROM unitReceipt WHERE unitID = ? AND event = ?", [unitID, event.rawValue])
    }

    static func unit(id: String, in session: PostgresSession) async throws -> ExchangeUnit? {
        try await session.fetchOne(ExchangeUnit.self, "SELECT * FROM unit WHERE id = ?", [id])
    }

    // MARK: - Retention

    public func applyRetention(
        unreadBefore: Double, readBefore: Double, at time: Double, expiry: @escaping @Sendable (ListedUnit, AuditPosition) throws -> String
    ) async throws -> (expired: Int, purged: Int) {
        try await self.write { session -> (expired: Int, purged: Int) in
            let expired = try await session.fetchAll(
                ExchangeUnit.self, "SELECT * FROM unit WHERE state = ? AND createdAt < ? ORDER BY createdAt, id", [UnitState.accepted.rawValue, unreadBefore])
            for var unit in expired {
                unit.state = .expired
                unit.expiredAt = time
                try await session.execute(ExchangeUnit.updateSQL, unit.updateValues)
                let listed = try await Self.listed([unit], in: session)[0]
                let transition = UnitTransition(audit: AuditRecord(actor: "system", office: nil, action: "expire", subject: unit.id)) { _, position in
                    try expiry(listed, position)
                }
                try await self.saveReceipt(.expired, of: unit, at: time, transition: transition, in: session)
            }
            let purged = try await session.rows(
                """
                SELECT id FROM unit
                WHERE filesPurgedAt IS NULL AND (
                    (state IN ('downloaded', 'imported', 'importRefused') AND coalesce(importReportedAt, downloadedAt) < ?)
                    OR (state = 'expired' AND expiredAt < ?))
                ORDER BY createdAt, id
                """, [readBefore, readBefore]
            ).map { try $0.decode("id", as: String.self) }
            for id in purged {
                try await session.execute("UPDATE unit SET filesPurgedAt = ? WHERE id = ?", [time, id])
                _ = try await self.append(AuditRecord(actor: "system", office: nil, action: "purge", subject: id), in: session)
            }
            // Login throttle counters outlive their reset window by a day at most.
            try await session.execute("DELETE FROM loginThrottle WHERE lastAttemptAt < ?", [time - 86_400])
            // A bucket left alone for a minute is full again, which is what a missing one means.
            try await session.execute("DELETE FROM rateBucket WHERE updatedAt < ?", [time - 3_600])
            try await session.execute(
                """
                DELETE FROM blob WHERE sha256 NOT IN (
                    SELECT unitFile.sha256 FROM unitFile JOIN unit ON unit.id = unitFile.unitID WHERE unit.filesPurgedAt IS NULL
                )
                """)
            return (expired.count, purged.count)
        }
    }

    // MARK: - Audit

    public func appendAudit(_ record: AuditRecord) async throws {
        try await self.write { session in _ = try await self.append(record, in: session) }
    }

    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await self.read { session in
            try await session.fetchAll(AuditEntry.self, "SELECT * FROM audit WHERE sequence >= ? ORDER BY sequence LIMIT ?", [sequence, max(0, limit)])
        }
    }

    public func auditHead() async throws -> AuditPosition? {
        try await self.read { session in try await Self.head(session) }
    }

    public func saveAuditCheckpoint(_ checkpoint: String, position: AuditPosition, at time: Double) async throws {
        try await self.write { session in
            try await session.execute(
                "INSERT INTO auditCheckpoint (sequence, hash, time, signed) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [position.sequence, position.hash, time, checkpoint])
        }
    }

    public func auditCheckpoints() async throws -> [String] {
        try await self.read { session in
            try await session.rows("SELECT signed FROM auditCheckpoint ORDER BY sequence").map { try $0.decode("signed", as: String.self) }
        }
    }

    private static func head(_ session: PostgresSession) async throws -> AuditPosition? {
        guard let row = try await session.row("SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1") else { return nil }
        return AuditPosition(sequence: try row.decode("sequence"), hash: try row.decode("hash"))
    }

    /// Appends an entry to the audit chain in the caller's transaction and returns its position. The caller holds the
    /// hub-wide write lock (``write(_:)``), so reading the head and inserting the next entry cannot interleave with
    /// another writer in any process: the chain stays one chain. The primary key on `sequence` would refuse a second
    /// entry of one number even without the lock.
    func append(_ record: AuditRecord, in session: PostgresSession) async throws -> AuditPosition {
        let entry = AuditChain.entry(after: try await Self.head(session), recording: record, at: self.now())
        try await session.insert(entry)
        return entry.position
    }

    // MARK: - Settings

    public func setting(_ key: String) async throws -> String? {
        try await self.read { session in try await session.scalar(String.self, "SELECT value FROM setting WHERE key = ?", [key]) }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await self.write { session in
            try await session.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
        }
    }

    // MARK: - Durability

    /// How commits reach the disk, as the server reports it on a pooled connection.
    public func durability() async throws -> [String: String] {
        try await self.read { session in
            var facts = ["database": "postgresql"]
            for name in ["synchronous_commit", "fsync", "wal_level", "server_version", "transaction_isolation"] {
                facts[name] = try await session.scalar(String.self, "SELECT current_setting(?)", [name]) ?? "?"
            }
            return facts
        }
    }

    // MARK: - Testing

    /// Runs raw SQL, for tests that must damage the database. Never call it from the hub.
    public func _executeForTesting(_ sql: String) async throws {
        try await self.write { session in try await session.execute(sql) }
    }
}

extension PostgresHubStore {
    /// Drops the store's schema with every table in it, for the benchmarks' throwaway stores. Refused for a store in
    /// the database's default schema (a real hub).
    public func dropSchemaForBenchmarks() async throws {
        guard let schema = self.target.schema else { throw PostgresHubStoreError.invalidURL("no schema of its own to drop") }
        try await self.read { session in try await session.execute("DROP SCHEMA \(schema) CASCADE") }
    }
}
