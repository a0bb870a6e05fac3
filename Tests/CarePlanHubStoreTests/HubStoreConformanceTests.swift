// CarePlan Link — the HubStore conformance suite: what every store must do (constraints, atomic and idempotent
// storage, pagination with files and offices, state changes, retention, the audit chain), run against every store.
import Foundation
import Testing

import CarePlanExchange
@testable import CarePlanHubStore

@Suite("HubStore conformance")
struct HubStoreConformanceTests {
    static let audit = AuditRecord(actor: "test", office: nil, action: "test", subject: "")

    /// Two offices: a care manager (sender) and a home-help provider (recipient).
    static func offices(_ store: any HubStore) async throws -> (sender: Office, recipient: Office) {
        let sender = try await store.createOffice(Office(number: "1310100012", serviceType: "43", name: "ちよだ居宅"), audit: Self.audit)
        let recipient = try await store.createOffice(Office(number: "1310100021", serviceType: "11", name: "神田ヘルパー"), audit: Self.audit)
        return (sender, recipient)
    }

    static func unit(
        _ id: String, from sender: Office, to recipient: Office, at createdAt: Double, fingerprint: String? = nil, state: UnitState = .accepted
    ) -> ExchangeUnit {
        ExchangeUnit(
            id: id, senderOfficeID: sender.id, recipientOfficeID: recipient.id, timestamp: Self.sequence(for: id), pattern: "居宅② 第6・7表",
            state: state, fingerprint: fingerprint ?? "fp-\(id)", createdAt: createdAt, acceptanceReceipt: "{\"event\":\"accepted\"}")
    }

    static func digest(_ text: String) -> String { HexDigest.sha256(Array(text.utf8)) }

    /// The expiry receipt: names the unit and its file count, so that a test sees the store handed the whole unit.
    static let expiry: @Sendable (ListedUnit, AuditPosition) throws -> String = { listed, _ in "expired \(listed.unit.id) \(listed.files.count)" }

    /// A ファイル連番 per unit id: one sender may not reuse a number for another unit.
    /// The acceptance receipt the store is handed to sign: the one ``unit(_:from:to:at:state:fingerprint:)`` makes.
    static let receipt: @Sendable (AuditPosition) throws -> String = { _ in "{\"event\":\"accepted\"}" }

    /// A state change whose receipt is `tag` (so that a test can tell which change signed what).
    static func transition(_ tag: String) -> UnitTransition {
        UnitTransition(audit: Self.audit) { _, _ in tag }
    }

    /// The recipient downloads every file of `unitID`.
    static func downloadAll(_ store: any HubStore, _ unitID: String, at time: Double) async throws {
        for file in try await store.files(unitID: unitID) {
            _ = try await store.markDownloaded(unitID: unitID, fileName: file.name, at: time, audit: Self.audit, received: Self.transition("received"))
        }
    }

    static func sequence(for id: String) -> String {
        "2025" + Self.digest(id).prefix(10).map { String($0.hexDigitValue! % 10) }.joined()
    }

    /// A file of `unitID` whose (fake, not really encrypted) body is `content`.
    static func file(_ unitID: String, _ name: String, _ content: String) -> (file: UnitFile, body: [UInt8]) {
        (UnitFile(unitID: unitID, name: name, sha256: Self.digest(content), size: content.utf8.count, kind: "UPPLAN"), Array(content.utf8))
    }

    /// Stores a unit with files given as (name, content).
    @discardableResult
    static func store(
        _ store: any HubStore, _ unit: ExchangeUnit, _ files: [(String, String)], audit: AuditRecord = Self.audit
    ) async throws -> (unit: ExchangeUnit, created: Bool) {
        let made = files.map { Self.file(unit.id, $0.0, $0.1) }
        var bodies: [String: [UInt8]] = [:]
        for item in made { bodies[item.file.sha256] = item.body }
        return try await store.storeUnit(unit, files: made.map(\.file), bodies: bodies, audit: audit, receipt: Self.receipt)
    }

    static func auditCount(_ store: any HubStore) async throws -> Int {
        try await store.auditEntries(from: 1, limit: 10_000).count
    }

    // MARK: - Offices, accounts, credentials

    @Test("offices get ids; number + service type is unique; a failed insert audits nothing", arguments: StoreKind.allCases)
    func officeUniqueness(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        #expect(sender.id > 0 && recipient.id > sender.id)
        #expect(try await store.office(id: sender.id) == sender)
        #expect(try await store.office(number: "1310100021", serviceType: "11") == recipient)
        #expect(try await store.office(number: "1310100021", serviceType: "43") == nil)
        #expect(try await store.office(id: 999) == nil)

        await #expect(throws: (any Error).self) {
            try await store.createOffice(Office(number: "1310100012", serviceType: "43", name: "duplicate"), audit: Self.audit)
        }
        // The same 事業所番号 with another サービス種類 is another office.
        let other = try await store.createOffice(
            Office(number: "1310100012", serviceType: "46", name: "ちよだ予防", address: "千代田区", municipalityCode: "131016", contact: "03-0000-0000"),
            audit: Self.audit)
        #expect(try await store.offices() == [sender, recipient, other])
        #expect(try await store.office(id: other.id)?.municipalityCode == "131016")
        #expect(try await Self.auditCount(store) == 3)
    }

    @Test("accounts and credentials round-trip; login names are unique; revocation happens once", arguments: StoreKind.allCases)
    func accountsAndCredentials(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        let staff = try await store.createAccount(Account(officeID: sender.id, loginName: "chiyoda", passwordHash: "h1", role: .staff), audit: Self.audit)
        let admin = try await store.createAccount(Account(officeID: recipient.id, loginName: "kanda", passwordHash: "h2", role: .admin), audit: Self.audit)
        let hubOperator = try await store.createAccount(Account(officeID: nil, loginName: "operator", passwordHash: "h3", role: .hubOperator), audit: Self.audit)
        #expect(staff.id > 0 && admin.id > staff.id)
        #expect(try await store.account(id: staff.id) == staff)
        #expect(try await store.account(loginName: "operator") == hubOperator)
        #expect(try await store.account(loginName: "nobody") == nil)
        #expect(try await store.accounts(officeID: sender.id) == [staff])
        #expect(try await store.accounts(officeID: nil) == [staff, admin, hubOperator])
        await #expect(throws: (any Error).self) {
            try await store.createAccount(Account(officeID: recipient.id, loginName: "chiyoda", passwordHash: "x", role: .staff), audit: Self.audit)
        }
        // An account of an unknown office violates the foreign key.
        await #expect(throws: (any Error).self) {
            try await store.createAccount(Account(officeID: 999, loginName: "ghost", passwordHash: "x", role: .staff), audit: Self.audit)
        }

        let token = try await store.createCredential(
            Credential(accountID: staff.id, kind: .apiToken, secretHash: Self.digest("secret-1"), label: "API", scopes: [.send, .receive], createdAt: 100, expiresAt: 200),
            audit: Self.audit)
        let session = try await store.createCredential(
            Credential(accountID: staff.id, kind: .session, secretHash: Self.digest("secret-2"), label: "session", scopes: [], createdAt: 100, expiresAt: 150),
            audit: nil)
        #expect(token.id > 0 && session.id > token.id)
        #expect(try await store.credential(secretHash: Self.digest("secret-1")) == token)
        #expect(try await store.credential(secretHash: Self.digest("secret-2"))?.scopes == [])
        #expect(try await store.credential(secretHash: Self.digest("unknown")) == nil)
        #expect(try await store.credentials(accountID: staff.id) == [token, session])
        #expect(try await store.credentials(accountID: admin.id).isEmpty)

        let before = try await Self.auditCount(store)
        #expect(try await store.revokeCredential(id: token.id, at: 300, audit: Self.audit))
        #expect(try await !store.revokeCredential(id: token.id, at: 400, audit: Self.audit))
        #expect(try await !store.revokeCredential(id: 999, at: 400, audit: Self.audit))
        #expect(try await store.credential(secretHash: Self.digest("secret-1"))?.revokedAt == 300)
        #expect(try await store.credential(secretHash: Self.digest("secret-2"))?.revokedAt == nil)
        #expect(try await Self.auditCount(store) == before + 1)
    }

    @Test("login attempts are counted before the check, delayed past the free ones, and parallel attempts cannot escape the count", arguments: StoreKind.allCases)
    func loginThrottle(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let policy = LoginThrottle.Policy(freeAttempts: 2, baseDelaySeconds: 1, maxDelaySeconds: 8, resetAfterSeconds: 100)
        let keys = [
            LoginThrottle.Key(id: "pair", policy: policy, clearedOnSuccess: true),
            LoginThrottle.Key(id: "address", policy: LoginThrottle.Policy(freeAttempts: 10), clearedOnSuccess: false),
        ]
        #expect(try await store.throttleLoginAttempt(keys, at: 1_000) == nil)
        #expect(try await store.throttleLoginAttempt(keys, at: 1_000) == nil)
        // The third attempt is allowed but starts a 1 s delay; the fourth, at the same moment, is refused.
        #expect(try await store.throttleLoginAttempt(keys, at: 1_000) == nil)
        #expect(try await store.throttleLoginAttempt(keys, at: 1_000.5) == 0.5)
        #expect(try await store.loginThrottleState(key: "pair")?.attempts == 3)
        // Delays double (1, 2, 4, 8) and stop at the cap.
        #expect(try await store.throttleLoginAttempt(keys, at: 1_001) == nil)
        #expect(try await store.loginThrottleState(key: "pair")?.blockedUntil == 1_003)
        for time in [1_003.0, 1_007, 1_015] { #expect(try await store.throttleLoginAttempt(keys, at: time) == nil) }
        #expect(try await store.loginThrottleState(key: "pair")?.blockedUntil == 1_023)
        // A refused attempt is not counted: the address key saw 7 attempts.
        #expect(try await store.loginThrottleState(key: "address")?.attempts == 7)
        // Success clears the name key and gives the address its attempt back.
        try await store.loginSucceeded(keys, audit: Self.audit)
        #expect(try await store.loginThrottleState(key: "pair") == nil)
        #expect(try await store.loginThrottleState(key: "address")?.attempts == 6)
        // A key forgotten after resetAfterSeconds starts again.
        for _ in 0..<3 { _ = try await store.throttleLoginAttempt([keys[0]], at: 2_000) }
        #expect(try await store.throttleLoginAttempt([keys[0]], at: 2_000) != nil)
        #expect(try await store.throttleLoginAttempt([keys[0]], at: 2_101) == nil)
        #expect(try await store.loginThrottleState(key: "pair")?.attempts == 1)

        // 50 parallel attempts on a fresh key: exactly freeAttempts + 1 get through.
        let fresh = [LoginThrottle.Key(id: "parallel", policy: policy, clearedOnSuccess: true)]
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { (try? await store.throttleLoginAttempt(fresh, at: 3_000)) == .some(nil) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 3)
    }

    @Test("settings are a key/value table", arguments: StoreKind.allCases)
    func settings(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        #expect(try await store.setting("keyCheck") == nil)
        try await store.setSetting("keyCheck", "one")
        try await store.setSetting("keyCheck", "two")
        try await store.setSetting("other", "x")
        #expect(try await store.setting("keyCheck") == "two")
        #expect(try await store.setting("other") == "x")
        #expect(try await Self.auditCount(store) == 0)
    }

    // MARK: - Units

    @Test("a unit is stored with its files and bodies; the same fingerprint again stores nothing", arguments: StoreKind.allCases)
    func storeUnitIdempotent(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        let unit = Self.unit("u1", from: sender, to: recipient, at: 1_000)
        let result = try await Self.store(store, unit, [("UPPLAN_b.CSV", "body b"), ("UPPLAN_a.CSV", "body a")])
        #expect(result.created && result.unit == unit)
        #expect(try await store.unit(id: "u1") == unit)
        let files = try await store.files(unitID: "u1")
        #expect(files.map(\.name) == ["UPPLAN_a.CSV", "UPPLAN_b.CSV"])
        #expect(files[0] == Self.file("u1", "UPPLAN_a.CSV", "body a").file)
        #expect(try await store.body(sha256: Self.digest("body a")) == Array("body a".utf8))
        #expect(try await store.body(sha256: Self.digest("missing")) == nil)
        let entries = try await store.auditEntries(from: 1, limit: 100)

        // The same upload again (new id, same fingerprint): the existing unit comes back and nothing is written.
        let again = try await Self.store(
            store, Self.unit("u2", from: sender, to: recipient, at: 2_000, fingerprint: "fp-u1"), [("UPPLAN_a.CSV", "body a"), ("UPPLAN_c.CSV", "body c")])
        #expect(!again.created && again.unit == unit)
        #expect(try await store.unit(id: "u2") == nil)
        #expect(try await store.files(unitID: "u2").isEmpty)
        #expect(try await store.body(sha256: Self.digest("body c")) == nil)
        #expect(try await store.auditEntries(from: 1, limit: 100) == entries)
    }

    @Test("a failing storeUnit leaves nothing behind: no unit, no file, no body, no audit entry", arguments: StoreKind.allCases)
    func storeUnitAtomic(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        let before = try await store.auditEntries(from: 1, limit: 100)

        // Two files with the same name violate PRIMARY KEY (unitID, name) after the unit and the first file went in.
        await #expect(throws: (any Error).self) {
            try await Self.store(store, Self.unit("u1", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "one"), ("UPPLAN_a.CSV", "two")])
        }
        #expect(try await store.unit(id: "u1") == nil)
        #expect(try await store.files(unitID: "u1").isEmpty)
        #expect(try await store.body(sha256: Self.digest("one")) == nil)
        #expect(try await store.body(sha256: Self.digest("two")) == nil)
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: nil, limit: 10).isEmpty)
        #expect(try await store.auditEntries(from: 1, limit: 100) == before)

        // A body that is neither given nor stored already.
        let orphan = Self.file("u2", "UPPLAN_x.CSV", "x")
        // Each store has its own error for it (SQLite: `SQLiteHubStoreError.missingBody`); what matters is that nothing stays.
        await #expect(throws: (any Error).self) {
            try await store.storeUnit(Self.unit("u2", from: sender, to: recipient, at: 1_000), files: [orphan.file], bodies: [:], audit: Self.audit, receipt: Self.receipt)
        }
        #expect(try await store.unit(id: "u2") == nil)

        // A recipient office that does not exist violates the foreign key.
        var unknownRecipient = recipient
        unknownRecipient.id = 999
        await #expect(throws: (any Error).self) {
            try await Self.store(store, Self.unit("u3", from: sender, to: unknownRecipient, at: 1_000), [("UPPLAN_a.CSV", "three")])
        }
        #expect(try await store.unit(id: "u3") == nil)
        #expect(try await store.body(sha256: Self.digest("three")) == nil)
        #expect(try await store.auditEntries(from: 1, limit: 100) == before)

        // The store still works, and a body already stored need not be sent again.
        try await Self.store(store, Self.unit("u4", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "four")])
        let shared = Self.file("u5", "UPPLAN_b.CSV", "four")
        #expect(try await store.storeUnit(Self.unit("u5", from: sender, to: recipient, at: 1_001), files: [shared.file], bodies: [:], audit: Self.audit, receipt: Self.receipt).created)
        #expect(try await Self.auditCount(store) == before.count + 2)
    }

    @Test("the latest live units between two offices with a file of a name prefix: newest first, dead and other offices left out", arguments: StoreKind.allCases)
    func latestLiveUnits(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        let third = try await store.createOffice(Office(number: "1310100039", serviceType: "15", name: "麹町デイ"), audit: Self.audit)
        for (id, time, name) in [
            ("old", 100.0, "UPJSK_202506_a.CSV"), ("new", 300.0, "UPJSK_202506_b.CSV"), ("tie", 300.0, "UPJSK_202506_c.CSV"), ("may", 400.0, "UPJSK_202505_d.CSV"),
            ("gone", 500.0, "UPJSK_202506_e.CSV"), ("plan", 600.0, "UPPLAN_202506_f.CSV"), ("wild", 650.0, "UPJSKX202506_g.CSV"),
        ] {
            try await Self.store(store, Self.unit(id, from: recipient, to: sender, at: time), [(name, id)])
        }
        try await Self.store(store, Self.unit("elsewhere", from: third, to: sender, at: 700), [("UPJSK_202506_h.CSV", "h")])
        // Expired unread, and received long ago with its files purged (still 受信済): neither can be shown.
        try await Self.store(store, Self.unit("stale", from: recipient, to: sender, at: 50), [("UPJSK_202506_j.CSV", "j")])
        try await Self.store(store, Self.unit("purged", from: recipient, to: sender, at: 60), [("UPJSK_202506_k.CSV", "k")])
        try await Self.downloadAll(store, "purged", at: 70)
        _ = try await store.applyRetention(unreadBefore: 55, readBefore: 80, at: 90, expiry: Self.expiry)
        #expect(try await store.unit(id: "stale")?.state == .expired)
        #expect(try await store.unit(id: "purged")?.filesPurgedAt == 90)
        try await Self.store(store, Self.unit("back", from: sender, to: recipient, at: 800), [("UPJSK_202506_i.CSV", "i")])
        _ = try await store.withdraw(unitID: "gone", at: 900, transition: Self.transition("withdrawn"))
        let found = try await store.latestLiveUnits(from: recipient.id, to: sender.id, fileNamePrefixes: ["UPJSK_202506_"], limit: 10)
        #expect(found.map(\.unit.id) == ["tie", "new", "old"])
        #expect(found.first?.files.map(\.name) == ["UPJSK_202506_c.CSV"])
        #expect(found.first?.sender.id == recipient.id && found.first?.recipient.id == sender.id)
        #expect(try await store.latestLiveUnits(from: recipient.id, to: sender.id, fileNamePrefixes: ["UPJSK_202506_"], limit: 1).map(\.unit.id) == ["tie"])
        #expect(
            try await store.latestLiveUnits(from: recipient.id, to: sender.id, fileNamePrefixes: ["UPJSK_202505_", "UPPLAN_202506_"], limit: 10).map(\.unit.id)
                == ["plan", "may"])
        #expect(try await store.latestLiveUnits(from: recipient.id, to: sender.id, fileNamePrefixes: [], limit: 10).isEmpty)
    }

    @Test("inbox and outbox page by (createdAt, id) after a cursor, optionally by state", arguments: StoreKind.allCases)
    func pagination(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        // Stored out of order, with ties on createdAt that the id breaks.
        for (id, time) in [("e", 300.0), ("b", 100.0), ("d", 200.0), ("a", 100.0), ("c", 200.0)] {
            try await Self.store(store, Self.unit(id, from: sender, to: recipient, at: time), [("UPPLAN_\(id).CSV", id)])
        }
        // One unit the other way round: in the recipient's outbox, not its inbox.
        try await Self.store(store, Self.unit("z", from: recipient, to: sender, at: 150), [("UPPLAN_z.CSV", "z")])

        var pages: [[String]] = []
        var cursor: UnitCursor?
        for _ in 0..<10 {  // bounded: a cursor that does not advance must fail, not hang
            let page = try await store.inbox(officeID: recipient.id, after: cursor, states: nil, limit: 2)
            if page.isEmpty { break }
            pages.append(page.map(\.unit.id))
            cursor = UnitCursor(createdAt: page.last!.unit.createdAt, id: page.last!.unit.id)
        }
        #expect(pages == [["a", "b"], ["c", "d"], ["e"]])
        // Newest first (the web's order), with the same cursors read the other way.
        var newest: [[String]] = []
        cursor = nil
        for _ in 0..<10 {
            let page = try await store.inbox(officeID: recipient.id, after: cursor, states: nil, limit: 2, order: .newestFirst)
            if page.isEmpty { break }
            newest.append(page.map(\.unit.id))
            cursor = page.last!.cursor
        }
        #expect(newest == [["e", "d"], ["c", "b"], ["a"]])
        #expect(try await store.outbox(officeID: recipient.id, after: nil, limit: 10, order: .newestFirst).map(\.unit.id) == ["z"])
        #expect(try await store.unreadCount(officeID: recipient.id) == 5)
        #expect(try await store.unreadCount(officeID: sender.id) == 1)
        // A cursor survives its token form.
        let token = UnitCursor(createdAt: 100, id: "b").token
        #expect(try await store.inbox(officeID: recipient.id, after: UnitCursor(token: token), states: nil, limit: 10).map(\.unit.id) == ["c", "d", "e"])
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: nil, limit: 0).isEmpty)

        try await Self.downloadAll(store, "b", at: 500)
        try await Self.downloadAll(store, "d", at: 550)
        // 未読 is accepted with nothing downloaded: b and d are received now.
        #expect(try await store.unreadCount(officeID: recipient.id) == 3)
        _ = try await store.reportImport(unitID: "d", outcome: .imported, problems: nil, at: 600, transition: Self.transition("imported"))
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: [.accepted], limit: 10).map(\.unit.id) == ["a", "c", "e"])
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: [.downloaded, .imported], limit: 10).map(\.unit.id) == ["b", "d"])
        #expect(
            try await store.inbox(officeID: recipient.id, after: UnitCursor(createdAt: 100, id: "b"), states: [.downloaded, .imported], limit: 10).map(\.unit.id)
                == ["d"])
        // A withdrawn unit leaves the inbox, even when asked for by state; the sender still lists it.
        _ = try await store.withdraw(unitID: "e", at: 700, transition: Self.transition("withdrawn"))
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: nil, limit: 10).map(\.unit.id) == ["a", "b", "c", "d"])
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: [.withdrawn], limit: 10).isEmpty)
        #expect(try await store.outbox(officeID: sender.id, after: nil, limit: 10).map(\.unit.id) == ["a", "b", "c", "d", "e"])
        #expect(try await store.inbox(officeID: recipient.id, after: nil, states: [], limit: 10).isEmpty)

        #expect(try await store.outbox(officeID: sender.id, after: nil, limit: 3).map(\.unit.id) == ["a", "b", "c"])
        #expect(try await store.outbox(officeID: sender.id, after: UnitCursor(createdAt: 200, id: "c"), limit: 3).map(\.unit.id) == ["d", "e"])
        #expect(try await store.outbox(officeID: recipient.id, after: nil, limit: 10).map(\.unit.id) == ["z"])
        #expect(try await store.inbox(officeID: sender.id, after: nil, states: nil, limit: 10).map(\.unit.id) == ["z"])
    }

    @Test("listings and the unit page come with every file and both offices", arguments: StoreKind.allCases)
    func listedUnits(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        let third = try await store.createOffice(Office(number: "1310100039", serviceType: "15", name: "麹町デイ"), audit: Self.audit)
        try await Self.store(store, Self.unit("u1", from: sender, to: recipient, at: 100), [("UPPLAN_b.CSV", "b"), ("UPPLAN_a.CSV", "a")])
        try await Self.store(store, Self.unit("u2", from: sender, to: third, at: 200), [("UPPLAN_c.CSV", "c")])
        try await Self.store(store, Self.unit("u3", from: recipient, to: sender, at: 300), [])

        let outbox = try await store.outbox(officeID: sender.id, after: nil, limit: 10)
        #expect(outbox.map(\.unit.id) == ["u1", "u2"])
        #expect(outbox.map { $0.files.map(\.name) } == [["UPPLAN_a.CSV", "UPPLAN_b.CSV"], ["UPPLAN_c.CSV"]])
        #expect(outbox.map(\.sender) == [sender, sender] && outbox.map(\.recipient) == [recipient, third])
        let inbox = try await store.inbox(officeID: sender.id, after: nil, states: nil, limit: 10)
        #expect(inbox.map(\.unit.id) == ["u3"] && inbox[0].files.isEmpty && inbox[0].sender == recipient && inbox[0].recipient == sender)

        let one = try #require(try await store.listedUnit(id: "u1"))
        #expect(one == outbox[0])
        #expect(try await store.listedUnit(id: "nothing") == nil)
    }

    @Test("a unit is downloaded (受信済) once every file is, with one receipt; never backwards; every download audited", arguments: StoreKind.allCases)
    func markDownloaded(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        try await Self.store(store, Self.unit("u1", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "a"), ("UPSIKYU_a.CSV", "b")])
        let before = try await Self.auditCount(store)

        var unit = try #require(try await store.markDownloaded(unitID: "u1", fileName: "UPPLAN_a.CSV", at: 2_000, audit: Self.audit, received: Self.transition("r1")))
        #expect(unit.state == .accepted && unit.downloadedAt == nil)
        // The same file again changes nothing but the audit.
        unit = try #require(try await store.markDownloaded(unitID: "u1", fileName: "UPPLAN_a.CSV", at: 2_500, audit: Self.audit, received: Self.transition("r2")))
        #expect(unit.state == .accepted)
        #expect(try await store.files(unitID: "u1").map(\.downloadedAt) == [2_000, nil])
        unit = try #require(try await store.markDownloaded(unitID: "u1", fileName: "UPSIKYU_a.CSV", at: 3_000, audit: Self.audit, received: Self.transition("r3")))
        #expect(unit.state == .downloaded && unit.downloadedAt == 3_000)
        #expect(try await store.receipts(unitID: "u1").map(\.event) == [.received])
        #expect(try await store.receipts(unitID: "u1").map(\.receipt) == ["r3"])

        _ = try await store.reportImport(unitID: "u1", outcome: .imported, problems: nil, at: 4_000, transition: Self.transition("imported"))
        unit = try #require(try await store.markDownloaded(unitID: "u1", fileName: "UPPLAN_a.CSV", at: 5_000, audit: Self.audit, received: Self.transition("r4")))
        #expect(unit.state == .imported && unit.downloadedAt == 3_000 && unit.importReportedAt == 4_000)
        // 4 downloads + 受信 + 取込.
        #expect(try await Self.auditCount(store) == before + 6)
        #expect(try await store.markDownloaded(unitID: "nothing", fileName: "x", at: 1, audit: Self.audit, received: Self.transition("x")) == nil)
    }

    @Test("an import is reported only after 受信; 取込不可 keeps its problems and may become 取込済; repeats are unchanged", arguments: StoreKind.allCases)
    func reportImport(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        try await Self.store(store, Self.unit("u1", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "a")])
        let before = try await Self.auditCount(store)

        guard case .notAllowed(let early)? = try await store.reportImport(unitID: "u1", outcome: .imported, problems: nil, at: 1_500, transition: Self.transition("no"))
        else { Issue.record("an import before 受信 must be refused"); return }
        #expect(early.state == .accepted)
        #expect(try await Self.auditCount(store) == before)

        try await Self.downloadAll(store, "u1", at: 2_000)
        guard case .changed(let refused, let refusalReceipt)? = try await store.reportImport(
            unitID: "u1", outcome: .importRefused, problems: "[{\"code\":\"import.sequenceConflict\"}]", at: 3_000, transition: Self.transition("refused"))
        else { Issue.record("取込不可 after 受信 must be recorded"); return }
        #expect(refused.state == .importRefused && refused.importReportedAt == 3_000 && refused.importProblems?.contains("sequenceConflict") == true)
        #expect(refusalReceipt == "refused")
        guard case .unchanged(_, let again)? = try await store.reportImport(
            unitID: "u1", outcome: .importRefused, problems: "[]", at: 3_500, transition: Self.transition("refused again"))
        else { Issue.record("a repeated report is unchanged"); return }
        #expect(again == "refused")

        guard case .changed(let imported, "imported")? = try await store.reportImport(
            unitID: "u1", outcome: .imported, problems: nil, at: 4_000, transition: Self.transition("imported"))
        else { Issue.record("取込不可 → 取込済 must be allowed"); return }
        #expect(imported.state == .imported && imported.importReportedAt == 4_000 && imported.importProblems == nil)
        guard case .notAllowed? = try await store.reportImport(unitID: "u1", outcome: .importRefused, problems: nil, at: 5_000, transition: Self.transition("late"))
        else { Issue.record("取込済 → 取込不可 must be refused"); return }
        #expect(try await store.receipts(unitID: "u1").map(\.event) == [.received, .importRefused, .imported])
        #expect(try await store.reportImport(unitID: "unknown", outcome: .imported, problems: nil, at: 1, transition: Self.transition("x")) == nil)
        #expect(AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000)).isEmpty)
    }

    @Test("withdrawal: only while nothing was downloaded; deletes the files, frees the ファイル連番, and the next unit links back", arguments: StoreKind.allCases)
    func withdraw(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        var first = Self.unit("one", from: sender, to: recipient, at: 1_000)
        first.timestamp = "20250601120000"
        try await Self.store(store, first, [("UPPLAN_a.CSV", "secret")])
        guard case .changed(let withdrawn, "withdrawn")? = try await store.withdraw(unitID: "one", at: 2_000, transition: Self.transition("withdrawn"))
        else { Issue.record("an unread unit can be withdrawn"); return }
        #expect(withdrawn.state == .withdrawn && withdrawn.withdrawnAt == 2_000 && withdrawn.filesPurgedAt == 2_000)
        #expect(try await store.body(sha256: Self.digest("secret")) == nil)
        guard case .unchanged(_, "withdrawn")? = try await store.withdraw(unitID: "one", at: 2_500, transition: Self.transition("again"))
        else { Issue.record("withdrawing twice is unchanged"); return }
        // The recipient can no longer download it.
        #expect(try await store.markDownloaded(unitID: "one", fileName: "UPPLAN_a.CSV", at: 3_000, audit: Self.audit, received: Self.transition("r"))?.state == .withdrawn)
        #expect(try await store.files(unitID: "one").map(\.downloadedAt) == [nil])

        // The same files and ファイル連番 again: a new unit (the fingerprint no longer finds the withdrawn one).
        var second = Self.unit("two", from: sender, to: recipient, at: 3_000, fingerprint: "fp-one")
        second.timestamp = "20250601120000"
        let stored = try await Self.store(store, second, [("UPPLAN_a.CSV", "secret")])
        #expect(stored.created && stored.unit.previousUnitID == "one")
        #expect(try await store.body(sha256: Self.digest("secret")) == Array("secret".utf8))

        // Once one file was downloaded, it cannot be withdrawn.
        _ = try await store.markDownloaded(unitID: "two", fileName: "UPPLAN_a.CSV", at: 4_000, audit: Self.audit, received: Self.transition("r"))
        guard case .notAllowed? = try await store.withdraw(unitID: "two", at: 5_000, transition: Self.transition("late"))
        else { Issue.record("a downloaded unit cannot be withdrawn"); return }
        #expect(try await store.withdraw(unitID: "unknown", at: 1, transition: Self.transition("x")) == nil)
    }

    // MARK: - Retention

    @Test("retention expires unread units, purges read ones, and keeps bodies still referenced", arguments: StoreKind.allCases)
    func retention(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        // old: never downloaded, old → expired.
        try await Self.store(store, Self.unit("old", from: sender, to: recipient, at: 100), [("UPPLAN_a.CSV", "only old")])
        // fresh: never downloaded, recent → stays; it shares a body with `read`.
        try await Self.store(store, Self.unit("fresh", from: sender, to: recipient, at: 900), [("UPPLAN_a.CSV", "shared")])
        // read: downloaded long ago → purged, but its shared body stays for `fresh`.
        try await Self.store(store, Self.unit("read", from: sender, to: recipient, at: 100, fingerprint: "fp-read"), [("UPPLAN_a.CSV", "shared"), ("UPPLAN_b.CSV", "only read")])
        try await Self.downloadAll(store, "read", at: 200)
        // acked: downloaded long ago but imported recently → the import report's time counts, stays.
        try await Self.store(store, Self.unit("acked", from: sender, to: recipient, at: 100), [("UPPLAN_a.CSV", "only acked")])
        try await Self.downloadAll(store, "acked", at: 200)
        _ = try await store.reportImport(unitID: "acked", outcome: .imported, problems: nil, at: 800, transition: Self.transition("r"))
        // partly: one of two files downloaded long ago → not 受信済, so it expires like an unread unit.
        try await Self.store(store, Self.unit("partly", from: sender, to: recipient, at: 100), [("UPPLAN_p.CSV", "p1"), ("UPSIKYU_p.CSV", "p2")])
        _ = try await store.markDownloaded(unitID: "partly", fileName: "UPPLAN_p.CSV", at: 200, audit: Self.audit, received: Self.transition("r"))
        let before = try await Self.auditCount(store)

        let result = try await store.applyRetention(unreadBefore: 500, readBefore: 500, at: 1_000, expiry: Self.expiry)
        #expect(result.expired == 2 && result.purged == 1)
        let old = try #require(try await store.unit(id: "old"))
        // An expired unit keeps its files for the read period, so that its sender can send them again.
        #expect(old.state == .expired && old.expiredAt == 1_000 && old.filesPurgedAt == nil)
        #expect(try await store.receipts(unitID: "old").map(\.receipt) == ["expired old 1"])
        #expect(try await store.unit(id: "partly")?.state == .expired)
        let read = try #require(try await store.unit(id: "read"))
        #expect(read.state == .downloaded && read.filesPurgedAt == 1_000)
        #expect(try await store.unit(id: "fresh")?.filesPurgedAt == nil)
        #expect(try await store.unit(id: "acked")?.filesPurgedAt == nil)
        // File rows stay as the record of what was sent; bodies go unless a unit with files still refers to them.
        #expect(try await store.files(unitID: "old").map(\.name) == ["UPPLAN_a.CSV"])
        #expect(try await store.files(unitID: "read").count == 2)
        #expect(try await store.body(sha256: Self.digest("only old")) != nil)
        #expect(try await store.body(sha256: Self.digest("only read")) == nil)
        #expect(try await store.body(sha256: Self.digest("shared")) == Array("shared".utf8))
        #expect(try await store.body(sha256: Self.digest("only acked")) != nil)

        let entries = try await store.auditEntries(from: Int64(before + 1), limit: 100)
        #expect(entries.map(\.action) == ["expire", "expire", "purge"])
        #expect(entries.map(\.subject) == ["old", "partly", "read"])
        #expect(entries.allSatisfy { $0.actor == "system" })

        // Nothing more to do at the same time; later, `fresh` expires, `old` loses its files (expired before the
        // read cut-off), and `acked` is purged.
        let idle = try await store.applyRetention(unreadBefore: 500, readBefore: 500, at: 1_100, expiry: Self.expiry)
        #expect(idle.expired == 0 && idle.purged == 0)
        let later = try await store.applyRetention(unreadBefore: 1_000, readBefore: 1_050, at: 2_000, expiry: Self.expiry)
        #expect(later.expired == 1 && later.purged == 3)
        #expect(try await store.unit(id: "fresh")?.state == .expired)
        #expect(try await store.unit(id: "old")?.filesPurgedAt == 2_000)
        #expect(try await store.unit(id: "acked")?.filesPurgedAt == 2_000)
        #expect(try await store.body(sha256: Self.digest("only old")) == nil)
        #expect(try await store.body(sha256: Self.digest("shared")) != nil)  // `fresh` expired just now: kept for re-sending
        #expect(try await store.body(sha256: Self.digest("only acked")) == nil)
        #expect(AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000)).isEmpty)
    }

    // MARK: - Audit

    @Test("a second unit with the same sender, recipient and ファイル連番 is refused inside the transaction", arguments: StoreKind.allCases)
    func sequenceReused(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Self.offices(store)
        var first = Self.unit("one", from: sender, to: recipient, at: 1)
        first.timestamp = "20250601120000"
        var second = Self.unit("two", from: sender, to: recipient, at: 2)
        second.timestamp = "20250601120000"
        _ = try await store.storeUnit(first, files: [], bodies: [:], audit: Self.audit, receipt: Self.receipt)
        await #expect(throws: HubStoreConflict.sequenceReused("20250601120000")) {
            try await store.storeUnit(second, files: [], bodies: [:], audit: Self.audit, receipt: Self.receipt)
        }
        #expect(try await store.unit(id: "two") == nil)

        // Once the holder expired, the number is free, and the new unit names the one it replaces.
        _ = try await store.applyRetention(unreadBefore: 10, readBefore: 0, at: 20, expiry: Self.expiry)
        let again = try await store.storeUnit(second, files: [], bodies: [:], audit: Self.audit, receipt: Self.receipt)
        #expect(again.created && again.unit.previousUnitID == "one")

        // An expired unit of which the recipient downloaded a file keeps its number: it may hold that file.
        var partly = Self.unit("partly", from: sender, to: recipient, at: 30)
        partly.timestamp = "20250701120000"
        try await Self.store(store, partly, [("UPPLAN_p.CSV", "p1"), ("UPSIKYU_p.CSV", "p2")])
        _ = try await store.markDownloaded(unitID: "partly", fileName: "UPPLAN_p.CSV", at: 40, audit: Self.audit, received: Self.transition("r"))
        _ = try await store.applyRetention(unreadBefore: 50, readBefore: 0, at: 60, expiry: Self.expiry)
        #expect(try await store.unit(id: "partly")?.state == .expired)
        var after = Self.unit("after", from: sender, to: recipient, at: 70)
        after.timestamp = "20250701120000"
        await #expect(throws: HubStoreConflict.sequenceReused("20250701120000")) {
            try await store.storeUnit(after, files: [], bodies: [:], audit: Self.audit, receipt: Self.receipt)
        }
    }
}
