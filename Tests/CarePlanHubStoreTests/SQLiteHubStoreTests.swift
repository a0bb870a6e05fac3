// CarePlan Link — what only the SQLite store has: a database file that survives a reopen, and tampering with its rows
// (which the audit chain must notice).
import CarePlanExchange
import Foundation
import GRDB
import Testing

@testable import CarePlanHubStore

@Suite("SQLiteHubStore")
struct SQLiteHubStoreTests {
    private static let audit = HubStoreConformanceTests.audit

    @Test("the audit chain verifies and detects an edited, a forged and a deleted row")
    func auditChain() async throws {
        let store = try SQLiteHubStore.inMemory()
        let (sender, recipient) = try await HubStoreConformanceTests.offices(store)
        try await HubStoreConformanceTests.store(
            store, HubStoreConformanceTests.unit("u1", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "a")],
            audit: AuditRecord(actor: "account:1", office: "1310100012_43", action: "upload", subject: "u1"))
        try await store.appendAudit(AuditRecord(actor: "anonymous", office: nil, action: "login.failed", subject: "nobody"))
        let entries = try await store.auditEntries(from: 1, limit: 1_000)
        #expect(entries.map(\.sequence) == [1, 2, 3, 4])
        #expect(entries[0].previousHash == AuditChain.genesis)
        #expect(entries[2].action == "upload" && entries[2].office == "1310100012_43" && entries[3].office == nil)
        #expect(AuditChain.verify(entries).isEmpty)
        #expect(try await store.auditEntries(from: 3, limit: 1).map(\.sequence) == [3])
        // Verification can continue from an earlier checkpoint.
        #expect(AuditChain.verify(try await store.auditEntries(from: 3, limit: 10), after: (2, entries[1].hash)).isEmpty)

        try await store._executeForTesting("UPDATE audit SET subject = 'someone else' WHERE sequence = 2")
        let edited = AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000))
        #expect(edited.map(\.sequence) == [2])

        try await store._executeForTesting("UPDATE audit SET subject = '' WHERE sequence = 2")
        #expect(AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000)).isEmpty)
        // A forged entry appended without the chain's last hash.
        try await store._executeForTesting(
            "INSERT INTO audit (sequence, time, actor, office, action, subject, previousHash, hash) VALUES (5, 0, 'x', NULL, 'forged', '', '\(AuditChain.genesis)', 'x')")
        #expect(AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000)).map(\.sequence) == [5, 5])
        try await store._executeForTesting("DELETE FROM audit WHERE sequence = 5")
        try await store._executeForTesting("DELETE FROM audit WHERE sequence = 3")
        #expect(AuditChain.verify(try await store.auditEntries(from: 1, limit: 1_000)).map(\.sequence) == [4, 4])
    }

    // MARK: - Restart

    @Test("a database file keeps everything across a reopen, and the audit chain continues")
    func reopen() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hub.sqlite").path

        let sender: Office, recipient: Office, account: Account, credential: Credential
        do {
            let store = try SQLiteHubStore(path: path)
            let offices = try await HubStoreConformanceTests.offices(store)
            sender = offices.sender
            recipient = offices.recipient
            account = try await store.createAccount(Account(officeID: sender.id, loginName: "chiyoda", passwordHash: "h", role: .admin), audit: HubStoreConformanceTests.audit)
            credential = try await store.createCredential(
                Credential(accountID: account.id, kind: .apiToken, secretHash: HubStoreConformanceTests.digest("s"), label: "API", scopes: [.send, .manage], createdAt: 1, expiresAt: 2),
                audit: HubStoreConformanceTests.audit)
            try await HubStoreConformanceTests.store(store, HubStoreConformanceTests.unit("u1", from: sender, to: recipient, at: 1_000), [("UPPLAN_a.CSV", "a"), ("UPPLAN_b.CSV", "b")])
            try await HubStoreConformanceTests.downloadAll(store, "u1", at: 2_000)
            try await store.setSetting("keyCheck", "sealed")
        }

        let reopened = try SQLiteHubStore(path: path)
        #expect(try await reopened.offices() == [sender, recipient])
        #expect(try await reopened.account(loginName: "chiyoda") == account)
        #expect(try await reopened.credential(secretHash: HubStoreConformanceTests.digest("s")) == credential)
        let unit = try #require(try await reopened.unit(id: "u1"))
        #expect(unit.state == .downloaded && unit.downloadedAt == 2_000)
        #expect(try await reopened.files(unitID: "u1").map(\.name) == ["UPPLAN_a.CSV", "UPPLAN_b.CSV"])
        #expect(try await reopened.body(sha256: HubStoreConformanceTests.digest("b")) == Array("b".utf8))
        #expect(try await reopened.setting("keyCheck") == "sealed")
        #expect(try await reopened.inbox(officeID: recipient.id, after: nil, states: nil, limit: 10).map(\.unit.id) == ["u1"])

        try await reopened.appendAudit(AuditRecord(actor: "cli", office: nil, action: "admin.init", subject: path))
        let entries = try await reopened.auditEntries(from: 1, limit: 1_000)
        // 2 offices, account, credential, upload, 2 downloads, 受信, admin.init.
        #expect(entries.count == 9)
        #expect(AuditChain.verify(entries).isEmpty)
        // A newer identifier is never reused, even after a reopen.
        let third = try await reopened.createOffice(Office(number: "1310100039", serviceType: "15", name: "麹町デイ"), audit: HubStoreConformanceTests.audit)
        #expect(third.id > recipient.id)
    }

    @Test("v5 migration: acknowledged units become imported with their receipt, expired units free their ファイル連番")
    func deliveryStatesMigration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try HubMigrations.migrator.migrate(queue, upTo: "v4-hardening")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO office (id, number, serviceType, name) VALUES (1, '1310100012', '43', 'ちよだ居宅'), (2, '1310100021', '11', '神田ヘルパー');
                        INSERT INTO unit VALUES ('acked', 1, 2, '20250101000000', 'p', 'acknowledged', 'f1', 100, 150, 200, NULL, '{"a":1}', '{"ack":1}');
                        INSERT INTO unit VALUES ('read', 1, 2, '20250102000000', 'p', 'downloaded', 'f2', 100, 150, NULL, NULL, '{"a":2}', NULL);
                        INSERT INTO unit VALUES ('gone', 1, 2, '20250103000000', 'p', 'expired', 'f3', 100, NULL, NULL, 900, '{"a":3}', NULL);
                        INSERT INTO unitFile VALUES ('acked', 'UPPLAN_a.CSV', 'h1', 1, 'UPPLAN'), ('read', 'UPPLAN_b.CSV', 'h2', 1, 'UPPLAN'),
                            ('gone', 'UPPLAN_c.CSV', 'h3', 1, 'UPPLAN');
                        """)
            }
        }
        let store = try SQLiteHubStore(path: path)
        let acked = try #require(try await store.unit(id: "acked"))
        #expect(acked.state == .imported && acked.importReportedAt == 200 && acked.downloadedAt == 150)
        #expect(try await store.receipts(unitID: "acked").map(\.receipt) == ["{\"ack\":1}"])
        #expect(try await store.files(unitID: "read").map(\.downloadedAt) == [150])
        let gone = try #require(try await store.unit(id: "gone"))
        #expect(gone.state == .expired && gone.expiredAt == 900)
        // The expired unit's ファイル連番 may be sent again; the live ones' may not.
        let (sender, recipient) = (try #require(try await store.office(id: 1)), try #require(try await store.office(id: 2)))
        var again = HubStoreConformanceTests.unit("again", from: sender, to: recipient, at: 1_000)
        again.timestamp = "20250103000000"
        #expect(try await HubStoreConformanceTests.store(store, again, []).unit.previousUnitID == "gone")
        var clash = HubStoreConformanceTests.unit("clash", from: sender, to: recipient, at: 1_000)
        clash.timestamp = "20250102000000"
        await #expect(throws: HubStoreConflict.sequenceReused("20250102000000")) { try await HubStoreConformanceTests.store(store, clash, []) }
    }

    @Test("v6 migration: offices that exchanged a unit before are linked partners, once per pair whichever sent; a withdrawn unit links nobody")
    func partnersMigration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try HubMigrations.migrator.migrate(queue, upTo: "v5-delivery-states")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO office (id, number, serviceType, name) VALUES
                            (1, '1310100012', '43', 'ちよだ居宅'), (2, '1310100021', '11', '神田ヘルパー'), (3, '1310100039', '15', '麹町デイ');
                        INSERT INTO unit (id, senderOfficeID, recipientOfficeID, timestamp, pattern, state, fingerprint, createdAt, acceptanceReceipt)
                            VALUES ('a', 1, 2, '20250101000000', 'p', 'accepted', 'f1', 300, '{}'),
                                ('b', 2, 1, '20250102000000', 'p', 'accepted', 'f2', 200, '{}');
                        INSERT INTO unit (id, senderOfficeID, recipientOfficeID, timestamp, pattern, state, fingerprint, createdAt, acceptanceReceipt, withdrawnAt)
                            VALUES ('c', 1, 3, '20250103000000', 'p', 'withdrawn', 'f3', 250, '{}', 260);
                        """)
            }
        }
        let store = try SQLiteHubStore(path: path)
        let links = try await store.partnerships(officeID: 1)
        #expect(links.map(\.partner.id) == [2])
        #expect(links.first?.partnership.state == .linked && links.first?.partnership.requestedAt == 200)
        #expect(try await store.partnerships(officeID: 3).isEmpty)
    }

    @Test("v10 migration: the rebuilt account table keeps every account and credential, and its foreign keys still hold")
    func regionsMigration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try HubMigrations.migrator.migrate(queue, upTo: "v9-notifications")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO office (id, number, serviceType, name) VALUES (1, '1310100012', '43', 'ちよだ居宅');
                        INSERT INTO account (id, officeID, loginName, passwordHash, role, failedLogins) VALUES
                            (7, 1, 'cm', 'h1', 'admin', 0), (8, NULL, 'operator', 'h2', 'operator', 2), (9, 1, 'gone', 'h3', 'staff', 0);
                        DELETE FROM account WHERE id = 9;
                        INSERT INTO credential (id, accountID, kind, secretHash, label, scopes, createdAt, expiresAt)
                            VALUES (3, 7, 'token', 'secret-hash', 'api', 'send,receive', 1, 2);
                        """)
            }
        }
        let store = try SQLiteHubStore(path: path)
        let accounts = try await store.accounts(officeID: nil)
        #expect(accounts.map(\.id) == [7, 8] && accounts.map(\.loginName) == ["cm", "operator"] && accounts.map(\.authorityID) == [nil, nil])
        #expect(accounts[1].failedLogins == 2)
        let identity = try #require(try await store.identity(secretHash: "secret-hash"))
        #expect(identity.account.id == 7 && identity.office?.id == 1)
        // The credential still references the (rebuilt) account table: a credential of an unknown account is refused.
        await #expect(throws: (any Error).self) {
            try await store.createCredential(
                Credential(accountID: 99, kind: .apiToken, secretHash: "other", label: "x", scopes: [.send], createdAt: 1, expiresAt: 2), audit: nil)
        }
        // New accounts continue after the old ids, the deleted one's too (the audit log may name it).
        let next = try await store.createAccount(
            Account(officeID: 1, loginName: "staff", passwordHash: "h3", role: .staff), audit: HubStoreConformanceTests.audit)
        #expect(next.id == 10)
    }

    @Test("v12 and v13 on a populated v11 store: accounts keep their passwords and need no change, offices' accounts have closed the checklist, the operator's not")
    func applicationsMigration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try HubMigrations.migrator.migrate(queue, upTo: "v11-usage-periods")
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO office (id, number, serviceType, name) VALUES (1, '1310100012', '43', 'ちよだ居宅');
                        INSERT INTO account (id, officeID, loginName, passwordHash, role, failedLogins) VALUES
                            (7, 1, 'cm', 'h1', 'admin', 0), (8, NULL, 'operator', 'h2', 'operator', 0);
                        """)
            }
        }
        let store = try SQLiteHubStore(path: path)
        let accounts = try await store.accounts(officeID: nil)
        #expect(accounts.map(\.passwordHash) == ["h1", "h2"] && accounts.allSatisfy { !$0.mustChangePassword })
        #expect(try await store.setting("checklist.dismissed.7") == "v12")
        #expect(try await store.setting("checklist.dismissed.8") == nil)
        #expect(try await store.applications(municipalityCode: nil).isEmpty)
        #expect(try await store.timeStudies(officeIDs: [1]).isEmpty)
        try await store.setTimeStudy(officeID: 1, study: "{}", at: 1, audit: HubStoreConformanceTests.audit)
        #expect(try await store.timeStudy(officeID: 1) == "{}")
        await #expect(throws: (any Error).self) { try await store.setTimeStudy(officeID: 1, study: "not json", at: 2, audit: HubStoreConformanceTests.audit) }
    }
}
