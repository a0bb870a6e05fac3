// CarePlan Link — CarePlanHubStore
public import CarePlanExchange
public import ServiceLifecycle

/// The hub's storage. One implementation today (``SQLiteHubStore``, GRDB); the protocol keeps the hub independent of
/// it, so that a PostgreSQL implementation can follow in its own target. Every method is one transaction.
///
/// A store is a `Service`: the hub runs it in its service group, so that a store that needs a running task (a
/// connection pool) gets one; the hub's start-up checks (`Hub.prepare()`) run in `beforeServerStarts`, and the hub's own background services wait for them. The rules every store
/// must keep (idempotent uploads, one ファイル連番 per sender and recipient, the audit chain built by
/// ``AuditChain/entry(after:recording:at:)`` in the same transaction as each change) are tested against every store
/// by the conformance suite in `Tests/CarePlanHubStoreTests`.
public protocol HubStore: Service {
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

    // MARK: Partners (連携先)
    /// Offices matching `search` (事業所検索), by 事業所番号 then サービス種類, at most `limit`.
    func searchOffices(_ search: OfficeSearch, limit: Int) async throws -> [Office]
    /// Every partnership of `officeID` (linked, asked by it or of it, declined), each with the other office, by the
    /// other office's 事業所番号.
    func partnerships(officeID: Int64) async throws -> [PartnerLink]
    /// The partnership between two offices, whichever asked.
    func partnership(between officeID: Int64, and otherOfficeID: Int64) async throws -> Partnership?
    /// `officeID` asks `partnerOfficeID` to link, in one transaction: with nothing between them, or a declined request
    /// either way, the request is (again) open; when `partnerOfficeID` had already asked `officeID`, they are linked
    /// at once (audited with the action `partner.link`); an open request of the same direction or a link is unchanged
    /// (`changed == false`, nothing audited).
    func requestPartnership(
        from officeID: Int64, to partnerOfficeID: Int64, at time: Double, audit: AuditRecord
    ) async throws -> (partnership: Partnership, changed: Bool)
    /// `officeID` accepts (`accept`) or declines the open request `requesterOfficeID` made of it. Nil when there is
    /// no such open request.
    func answerPartnership(
        of officeID: Int64, from requesterOfficeID: Int64, accept: Bool, at time: Double, audit: AuditRecord
    ) async throws -> Partnership?
    /// Ends whatever is between two offices (a link, a request either way, a declined request). False when there was
    /// nothing.
    func removePartnership(of officeID: Int64, with partnerOfficeID: Int64, audit: AuditRecord) async throws -> Bool
    /// Marks or unmarks a linked partner as `officeID`'s favourite. Nil unless they are linked.
    func setFavouritePartner(of officeID: Int64, partner partnerOfficeID: Int64, favourite: Bool, audit: AuditRecord) async throws -> Partnership?

    // MARK: Paper partners (ネットワーク外の連携先)
    /// Records a partner not on the network for `partner.officeID`; one per 事業所番号 + 種類 and office
    /// (``HubStoreConflict/duplicatePaperPartner``).
    func createPaperPartner(_ partner: PaperPartner, audit: AuditRecord) async throws -> PaperPartner
    /// The office's paper partners, by 事業所番号; removed ones too when `includingRemoved` (the month names them).
    func paperPartners(officeID: Int64, includingRemoved: Bool) async throws -> [PaperPartner]
    /// Removes one of the office's paper partners from its list at `time`; its delivery records stay. False when it
    /// has no such partner (or removed it already).
    func deletePaperPartner(officeID: Int64, id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool
    func recordPaperDelivery(_ delivery: PaperDelivery, audit: AuditRecord) async throws -> PaperDelivery
    /// The office's paper deliveries of `month`, newest first.
    func paperDeliveries(officeID: Int64, month: String) async throws -> [PaperDelivery]

    // MARK: Notifications (メール通知)
    /// The office's 通知先メールアドレス; nil when it has none (then it is told nothing).
    func notificationAddress(officeID: Int64) async throws -> String?
    /// Sets or (nil) removes the office's address; removing it drops what was still to be sent to it.
    func setNotificationAddress(officeID: Int64, address: String?, at time: Double, audit: AuditRecord) async throws
    /// Records what is to be told, in one transaction, for offices with an address: units accepted since `since`
    /// (to the recipient), imports refused since `since` (to the sender), and accepted units created before
    /// `expiringCreatedBefore` (to the sender: they expire soon). Each kind, unit and office once, ever. Returns how
    /// many were added.
    func enqueueNotifications(since: Double, expiringCreatedBefore: Double, at time: Double) async throws -> Int
    /// Takes the notifications due at `time` of one office (the one whose notification has waited longest), up to
    /// `limit`, in one transaction: each counts an attempt and is not due again for `leaseSeconds` (so that two
    /// processes never send the same one at once, and a crash retries it). Due notifications that no longer hold
    /// (the unit was received, withdrawn or expired; the refusal replaced) are closed first. Empty when none is due.
    func claimNotifications(at time: Double, leaseSeconds: Double, limit: Int) async throws -> [ClaimedNotification]
    /// Records how each claimed notification ended.
    func finishNotifications(_ outcomes: [NotificationOutcome], at time: Double) async throws
    /// The office's notifications, newest first.
    func notifications(officeID: Int64, limit: Int) async throws -> [MailNotification]

    // MARK: Local authorities and model regions (自治体・モデル地域)
    /// One authority per kind and code (``HubStoreConflict/duplicateName``).
    func createAuthority(_ authority: Authority, audit: AuditRecord) async throws -> Authority
    func authority(id: Int64) async throws -> Authority?
    /// Every authority, by code.
    func authorities() async throws -> [Authority]
    /// One region per authority and name (``HubStoreConflict/duplicateName``).
    func createRegion(_ region: Region, audit: AuditRecord) async throws -> Region
    func region(id: Int64) async throws -> Region?
    /// The regions of the authorities in `authorityIDs`, by authority then creation.
    func regions(authorityIDs: [Int64]) async throws -> [Region]
    /// Replaces (nil: clears) the region's savings-estimate parameters. False for an unknown region.
    func setRegionEstimate(regionID: Int64, estimate: String?, audit: AuditRecord) async throws -> Bool
    /// Invites offices to a region, in one transaction: an office not yet in it, or one that declined, is (again)
    /// invited, each audited with `audit` and ` office:ID` after its subject; an invited or joined office is
    /// unchanged. Returns how many were invited.
    func inviteToRegion(regionID: Int64, officeIDs: [Int64], at time: Double, audit: AuditRecord) async throws -> Int
    /// The office joins (`join`) or declines an open invitation. Nil when it has none open in the region.
    func answerRegionInvitation(regionID: Int64, officeID: Int64, join: Bool, at time: Double, audit: AuditRecord) async throws -> RegionMember?
    /// Takes an office out of a region (the municipality removes it, or the office leaves); its open proposals there
    /// end as declined. Its partnerships stay. False when it was not in the region.
    func removeRegionMember(regionID: Int64, officeID: Int64, at time: Double, audit: AuditRecord) async throws -> Bool
    /// The region's offices in every state, each with its office, by 事業所番号.
    func regionMembers(regionID: Int64) async throws -> [RegionMemberOffice]
    /// The regions an office was invited to (in every state), each with its municipality.
    func regionInvitations(officeID: Int64) async throws -> [RegionInvitation]
    /// Proposes that two joined members of a region link; an open proposal of the same pair is returned unchanged
    /// (`created == false`). ``HubStoreConflict/notRegionMember`` unless both have joined.
    func proposeLink(regionID: Int64, between officeID: Int64, and otherOfficeID: Int64, at time: Double, audit: AuditRecord) async throws -> (proposal: LinkProposal, created: Bool)
    /// One office of an open proposal accepts or declines it. The second acceptance links the offices in the same
    /// transaction (a request either way or a declined one becomes a link, audited as `partner.link`). Nil when the
    /// proposal is not open or does not concern the office.
    func answerLinkProposal(id: Int64, officeID: Int64, accept: Bool, at time: Double, audit: AuditRecord) async throws -> LinkProposal?
    /// A region's proposals in every state, newest first.
    func linkProposals(regionID: Int64) async throws -> [LinkProposal]
    /// The open proposals concerning an office, oldest first.
    func openLinkProposals(officeID: Int64) async throws -> [LinkProposal]
    /// How many linked partners each of `officeIDs` has (offices without any are missing).
    func linkedPartnerCounts(officeIDs: [Int64]) async throws -> [Int64: Int]
    /// Units not withdrawn, accepted in `from ..< to`, sent or received by any of `officeIDs`, counted per sender,
    /// recipient, month (Japan time) and combination; each unit once.
    func exchangeTallies(officeIDs: [Int64], from: Double, to: Double) async throws -> [ExchangeTally]

    // MARK: Usage periods (利用期間)
    func createUsagePeriod(_ period: UsagePeriod, audit: AuditRecord) async throws -> UsagePeriod
    /// The office's periods, by start.
    func usagePeriods(officeID: Int64) async throws -> [UsagePeriod]
    /// Every office's periods, by office then start.
    func usagePeriods() async throws -> [UsagePeriod]
    /// False when there is no such period.
    func deleteUsagePeriod(id: Int64, audit: AuditRecord) async throws -> Bool

    // MARK: The operator's pages
    /// Audit entries matching `search`, newest first, before `beforeSequence` when given (the next page).
    func searchAudit(_ search: AuditSearch, beforeSequence: Int64?, limit: Int) async throws -> [AuditEntry]
    /// The hub's totals.
    func hubCounts() async throws -> HubCounts

    // MARK: Time studies (タイムスタディ)
    /// The office's time study (JSON, as the hub wrote it), nil when it has none.
    func timeStudy(officeID: Int64) async throws -> String?
    /// The time studies of those of `officeIDs` that have one.
    func timeStudies(officeIDs: [Int64]) async throws -> [Int64: String]
    /// Stores (or with nil removes) the office's time study.
    func setTimeStudy(officeID: Int64, study: String?, at time: Double, audit: AuditRecord) async throws

    // MARK: Applications (利用申請)
    /// Stores a pending application; one waiting already for the same office and contact (a second click) is
    /// ``HubStoreConflict/applicationPending``.
    func createApplication(_ application: UsageApplication, audit: AuditRecord) async throws -> UsageApplication
    func pendingApplicationCount() async throws -> Int
    func application(id: Int64) async throws -> UsageApplication?
    /// Pending first, then newest; only those naming `municipalityCode` when given.
    func applications(municipalityCode: String?) async throws -> [UsageApplication]
    /// Approves a pending application in one transaction: creates `office`, `account` (for that office) and `period`
    /// (for that office, when given), declines the office's other waiting applications, appends `audits`. Nil when
    /// the application is not pending (decided already, or none); ``HubStoreConflict/officeRegistered`` or
    /// ``HubStoreConflict/loginNameTaken`` write nothing.
    func approveApplication(
        id: Int64, office: Office, account: Account, period: UsagePeriod?, decidedAt: Double, decidedBy: String, note: String, audits: [AuditRecord]
    ) async throws -> (application: UsageApplication, office: Office, account: Account)?
    /// Nil when the application is not pending.
    func rejectApplication(id: Int64, decidedAt: Double, decidedBy: String, note: String, audit: AuditRecord) async throws -> UsageApplication?
    /// Replaces the account's password hash and clears its failed logins, and the login-throttle keys that start with
    /// `prefix` (the name's, after a reset); false when there is no such account.
    func setPassword(accountID: Int64, passwordHash: String, mustChange: Bool, clearingThrottle prefix: String?, audit: AuditRecord) async throws -> Bool

    // MARK: Credentials
    func createCredential(_ credential: Credential, audit: AuditRecord?) async throws -> Credential
    func credential(secretHash: String) async throws -> Credential?
    /// The credential with this secret hash, its account and the account's office, read together (one read per
    /// authenticated request).
    func identity(secretHash: String) async throws -> (credential: Credential, account: Account, office: Office?)?
    func credentials(accountID: Int64) async throws -> [Credential]
    func revokeCredential(id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool

    // MARK: Exchange
    /// Stores a unit with its files and encrypted bodies atomically. When a live unit (not withdrawn, not expired) with
    /// the same fingerprint exists, stores nothing and returns it (`created == false`). A live unit of the same sender
    /// and recipient holding the ファイル連番 is a ``HubStoreConflict/sequenceReused(_:)``, and so is an expired one of
    /// which a file was downloaded; a withdrawn one, or an expired one nothing of which was downloaded, is not, and
    /// becomes the new unit's `previousUnitID`. Otherwise appends `audit` first and calls `receipt` with that
    /// entry's position, inside the transaction, so that the acceptance receipt names the audit head that includes its
    /// own upload; the unit is stored with that receipt.
    /// `users` are keyed digests of the unit's users (the hub's user index, for ``UnitFilter/userDigest``), stored with it.
    /// With `requiringLink`, a new unit between two different offices that are not linked partners is a
    /// ``HubStoreConflict/notLinked``, checked in the same transaction (a link removed while the unit was checked
    /// lets nothing through).
    func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], users: [String], requiringLink: Bool, audit: AuditRecord,
        receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool)
    func unit(id: String) async throws -> ExchangeUnit?
    func files(unitID: String) async throws -> [UnitFile]
    /// The encrypted body of a file, by SHA-256.
    func body(sha256: String) async throws -> [UInt8]?
    /// A unit with its files and both offices, read together.
    func listedUnit(id: String) async throws -> ListedUnit?
    /// Units addressed to `officeID` in `order` (the API: oldest first, the order to import in; the web: newest
    /// first), after `cursor` (a unit's `createdAt` + id) in that order, those that pass `filter`, each with its
    /// files and offices: a page costs a fixed number of queries, whatever its length. Withdrawn units are never in an
    /// inbox.
    func inbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit]
    /// Units sent by `officeID`, in `order`, those that pass `filter`.
    func outbox(officeID: Int64, after cursor: UnitCursor?, filter: UnitFilter, limit: Int, order: UnitOrder) async throws -> [ListedUnit]
    /// How many users the user index holds for each of `unitIDs` (units stored before the index are missing).
    func userCounts(unitIDs: [String]) async throws -> [String: Int]
    /// How many units addressed to `officeID` are 未読: accepted, and no file of them downloaded yet.
    func unreadCount(officeID: Int64) async throws -> Int
    /// Live units (not withdrawn or expired, files kept) from `senderOfficeID` to `recipientOfficeID` with a file whose
    /// name starts with one of `fileNamePrefixes` (e.g. `UPJSK_202506_`), **newest first**, at most `limit`, each with its
    /// files and offices: the other half of a month (実績 for a 第6表) for the forms.
    func latestLiveUnits(from senderOfficeID: Int64, to recipientOfficeID: Int64, fileNamePrefixes: [String], limit: Int) async throws -> [ListedUnit]
    /// Records the recipient's download of one file and appends `audit` (every download). The download that completes
    /// the unit (every file downloaded) moves it from accepted to downloaded with `received`'s audit entry and receipt.
    /// A withdrawn or expired unit records nothing and is returned as it is, so that the caller hands out no bytes;
    /// nil for an unknown unit.
    func markDownloaded(unitID: String, fileName: String, at time: Double, audit: AuditRecord, received: UnitTransition) async throws -> ExchangeUnit?
    /// The recipient's import reported the unit applied (`imported`) or refused (`importRefused`, with `problems`, JSON
    /// of redacted problems). Allowed from downloaded, and from importRefused; a repeated report of the same outcome
    /// is unchanged; nil for an unknown unit.
    func reportImport(
        unitID: String, outcome: UnitState, problems: String?, at time: Double, transition: UnitTransition
    ) async throws -> TransitionOutcome?
    /// The sender withdraws a unit of which the recipient has downloaded nothing: it leaves the inbox, its files are
    /// deleted, and its ファイル連番 is free again. Nil for an unknown unit.
    func withdraw(unitID: String, at time: Double, transition: UnitTransition) async throws -> TransitionOutcome?
    /// The signed receipts of a unit's changes after acceptance (JSON), in the order they were made.
    func receipts(unitID: String) async throws -> [(event: UnitReceiptEvent, receipt: String)]

    // MARK: Retention
    /// Expires units not completely downloaded and created before `unreadBefore` (one audit entry and one receipt
    /// from `expiry` each), and deletes the files of units read, or expired, before `readBefore` (an expired unit's
    /// files stay that long so that its sender can send them again). Bodies no longer referenced by any unit that
    /// keeps its files are deleted. Returns (expired, purged) counts.
    func applyRetention(
        unreadBefore: Double, readBefore: Double, at time: Double, expiry: @escaping @Sendable (ListedUnit, AuditPosition) throws -> String
    ) async throws -> (expired: Int, purged: Int)

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

extension HubStore {
    /// A store without background work has nothing to run: it waits for the hub's shutdown (a service that returned
    /// early would stop the hub).
    public func run() async throws {
        try? await gracefulShutdown()
    }
}

extension HubStore {
    /// The inbox oldest first, optionally only in `states`.
    public func inbox(officeID: Int64, after cursor: UnitCursor?, states: [UnitState]?, limit: Int) async throws -> [ListedUnit] {
        try await self.inbox(officeID: officeID, after: cursor, filter: UnitFilter(states: states), limit: limit, order: .oldestFirst)
    }

    /// The inbox in `order`, optionally only in `states`.
    public func inbox(officeID: Int64, after cursor: UnitCursor?, states: [UnitState]?, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.inbox(officeID: officeID, after: cursor, filter: UnitFilter(states: states), limit: limit, order: order)
    }

    /// The outbox oldest first.
    public func outbox(officeID: Int64, after cursor: UnitCursor?, limit: Int) async throws -> [ListedUnit] {
        try await self.outbox(officeID: officeID, after: cursor, filter: .all, limit: limit, order: .oldestFirst)
    }

    /// The outbox in `order`.
    public func outbox(officeID: Int64, after cursor: UnitCursor?, limit: Int, order: UnitOrder) async throws -> [ListedUnit] {
        try await self.outbox(officeID: officeID, after: cursor, filter: .all, limit: limit, order: order)
    }

    /// The office's paper partners that are not removed.
    public func paperPartners(officeID: Int64) async throws -> [PaperPartner] {
        try await self.paperPartners(officeID: officeID, includingRemoved: false)
    }

    /// Stores a unit whatever links its offices have.
    public func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], users: [String], audit: AuditRecord,
        receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        try await self.storeUnit(unit, files: files, bodies: bodies, users: users, requiringLink: false, audit: audit, receipt: receipt)
    }

    /// Stores a unit without user digests.
    public func storeUnit(
        _ unit: ExchangeUnit, files: [UnitFile], bodies: [String: [UInt8]], audit: AuditRecord, receipt: @escaping @Sendable (AuditPosition) throws -> String
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        try await self.storeUnit(unit, files: files, bodies: bodies, users: [], requiringLink: false, audit: audit, receipt: receipt)
    }
}
