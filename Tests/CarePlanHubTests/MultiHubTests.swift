// CarePlan Link — two hubs on one PostgreSQL database, as two processes behind a load balancer run: each with its own
// pool, keys from one configuration, nothing shared but the database.
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation
import Testing

@testable import CarePlanHub

@Suite("Two hubs on one PostgreSQL database", .enabled(if: TestStores.postgresURL != nil))
struct MultiHubTests {
    /// The fixture's hub on the first store, and a second hub on the second store with the same configuration.
    static func hubs(configure: (inout HubConfiguration) -> Void = { _ in }) async throws -> (fixture: HubFixture, second: Hub, stores: (PostgresHubStore, PostgresHubStore)) {
        let (first, second) = try await TestStores.postgresPair()
        let fixture = try await HubFixture.make(configure: configure, store: first)
        let hub = try await Hub.open(store: second, configuration: fixture.hub.configuration, now: { fixture.clock.now })
        return (fixture, hub, (first, second))
    }

    @Test("uploads through both hubs at once: every unit stored once, a repeated one not again, one winner per ファイル連番, one audit chain")
    func uploads() async throws {
        let (fixture, second, stores) = try await Self.hubs()
        // 24 distinct units, 8 repeats of units 8–15 (same bytes) and 8 different units on the numbers of units 0–7,
        // alternating between the hubs, all at once: 24 stored, 8 answered with a stored one, 8 refused.
        let results = await withTaskGroup(of: (Int, Result<ExchangeUnit, any Error>).self) { group in
            for index in 0..<40 {
                group.addTask {
                    let files =
                        switch index {
                        case 0..<24: sampleUnit(.monthlyPlan, users: 1, second: index)
                        case 24..<32: sampleUnit(.monthlyPlan, users: 1, second: index - 16)
                        default: sampleUnit(.monthlyPlan, users: 2, second: index - 32)
                        }
                    let hub = index.isMultiple(of: 2) ? fixture.hub : second
                    do {
                        return (index, .success(try await hub.submit(files, from: fixture.careManager, actor: "test")))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let units = results.compactMapValues { try? $0.get() }
        #expect(units.count == 32)
        // A repeat answers with the unit stored first, whichever hub stored it.
        for index in 24..<32 { #expect(units[index]?.id == units[index - 16]?.id) }
        // Units 0–7 and 32–39 race for the same eight numbers: whichever comes first wins, the other is refused.
        for index in 0..<8 {
            let pair = [results[index], results[index + 32]].compactMap { $0 }
            let refusals = pair.compactMap { result -> (any Error)? in if case .failure(let error) = result { error } else { nil } }
            #expect(refusals.count == 1, "ファイル連番 of unit \(index): \(refusals.count) refusals")
            for error in refusals {
                let reused = (error as? HubStoreConflict).map { if case .sequenceReused = $0 { true } else { false } } ?? false
                #expect(reused || "\(error)".contains("sequence"), "\(error)")
            }
        }
        let outbox = try await stores.1.outbox(officeID: fixture.careManager.id, after: nil, limit: 1_000)
        #expect(outbox.count == 24 && Set(outbox.map(\.unit.id)).count == 24)
        #expect(Set(outbox.map(\.unit.timestamp)).count == 24)

        // One chain: contiguous sequences, every link intact, one upload entry per stored unit, read from either hub.
        let entries = try await stores.0.auditEntries(from: 1, limit: 10_000)
        #expect(AuditChain.verify(entries).isEmpty)
        #expect(entries.map(\.sequence) == Array(1...Int64(entries.count)))
        #expect(entries.filter { $0.action == "upload" }.count == 24)
        #expect(try await stores.1.auditHead() == entries.last?.position)
        // Each receipt names its own upload's entry.
        for unit in outbox.map(\.unit) {
            let receipt = try JSONDecoder().decode(SignedReceipt.self, from: Data(unit.acceptanceReceipt.utf8))
            let payload = try ReceiptVerifier.verify(receipt, publicKey: fixture.hub.signer.publicKey)
            let entry = try #require(entries.first { $0.sequence == payload.auditSequence })
            #expect(entry.action == "upload" && entry.subject == unit.id && entry.hash == payload.auditHash)
        }

        // The bodies in the database are sealed: no plaintext CSV in what the store keeps.
        let file = try #require(outbox.first?.files.first)
        let sealed = try #require(try await stores.0.body(sha256: file.sha256))
        let sent = (0..<24).flatMap { sampleUnit(.monthlyPlan, users: 1, second: $0) }
        let plain = try #require(sent.first { $0.name == file.name }?.bytes)
        #expect(sealed.count > plain.count && !sealed.starts(with: plain.prefix(16)))
        #expect(try fixture.hub.cipher.open(sealed, sha256: file.sha256) == plain)
    }

    @Test("downloads and import reports through both hubs at once: one 受信済 and one 取込済 receipt per unit, never two")
    func acknowledgements() async throws {
        let (fixture, _, stores) = try await Self.hubs()
        var units: [ExchangeUnit] = []
        for index in 0..<6 {
            units.append(try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 1, second: index), from: fixture.careManager, actor: "test"))
        }
        let received = UnitTransition(audit: AuditRecord(actor: "test", office: nil, action: "received", subject: "")) { unit, position in
            "received \(unit.id) at \(position.sequence)"
        }
        let imported = UnitTransition(audit: AuditRecord(actor: "test", office: nil, action: "imported", subject: "")) { unit, position in
            "imported \(unit.id) at \(position.sequence)"
        }
        let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
            for unit in units {
                let files = try await stores.0.files(unitID: unit.id)
                for store in [stores.0, stores.1] {
                    group.addTask {
                        for file in files {
                            _ = try await store.markDownloaded(
                                unitID: unit.id, fileName: file.name, at: fixture.clock.now,
                                audit: AuditRecord(actor: "test", office: nil, action: "download", subject: unit.id), received: received)
                        }
                        // Both hubs report the import of every unit; only the first may change it.
                        var changed = false
                        for _ in 0..<20 {
                            switch try await store.reportImport(unitID: unit.id, outcome: .imported, problems: nil, at: fixture.clock.now, transition: imported) {
                            case .changed: changed = true
                            case .unchanged: break
                            case .notAllowed: try await Task.sleep(for: .milliseconds(5)); continue  // not downloaded yet: the other hub's turn
                            case nil: Issue.record("unit \(unit.id) vanished")
                            }
                            break
                        }
                        return (unit.id, changed)
                    }
                }
            }
            return try await group.reduce(into: [String: Int]()) { counts, outcome in counts[outcome.0, default: 0] += outcome.1 ? 1 : 0 }
        }
        #expect(outcomes.count == 6 && outcomes.values.allSatisfy { $0 == 1 })
        for unit in units {
            let receipts = try await stores.1.receipts(unitID: unit.id)
            #expect(receipts.map(\.event) == [.received, .imported])
            #expect(try await stores.0.unit(id: unit.id)?.state == .imported)
        }
        #expect(AuditChain.verify(try await stores.0.auditEntries(from: 1, limit: 10_000)).isEmpty)
    }

    @Test("the request rate limit and the login throttle count across both hubs, not per process")
    func sharedLimits() async throws {
        let (fixture, second, stores) = try await Self.hubs { $0.limits.requestsPerMinute = 10 }
        let now = fixture.clock.now
        // 12 requests of one office at once, half through each hub: 10 tokens a minute in all.
        let waits = try await withThrowingTaskGroup(of: Double?.self) { group in
            for index in 0..<12 {
                let hub = index.isMultiple(of: 2) ? fixture.hub : second
                group.addTask { try await hub.rateLimiter.take("office:\(fixture.careManager.id)", now: now) }
            }
            return try await group.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(waits.filter { $0 == nil }.count == 10)
        #expect(waits.compactMap { $0 }.count == 2 && waits.compactMap { $0 }.allSatisfy { $0 > 0 && $0 <= 6 })
        // Another office's bucket is its own; six seconds later one more token has come back.
        #expect(try await second.rateLimiter.take("office:\(fixture.provider.id)", now: now) == nil)
        #expect(try await fixture.hub.rateLimiter.take("office:\(fixture.careManager.id)", now: now + 6.01) == nil)
        #expect(try await second.rateLimiter.take("office:\(fixture.careManager.id)", now: now + 6.02) != nil)

        // Logins: 3 free attempts, then a delay. 10 parallel attempts at one name through both stores: 3 free ones and
        // the fourth (which starts the delay) are counted; the other 6 are told to wait and not counted.
        let key = LoginThrottle.Key(id: "name:someone", policy: LoginThrottle.Policy(freeAttempts: 3), clearedOnSuccess: true)
        let attempts = try await withThrowingTaskGroup(of: Double?.self) { group in
            for index in 0..<10 {
                let store: any HubStore = index.isMultiple(of: 2) ? stores.0 : stores.1
                group.addTask { try await store.throttleLoginAttempt([key], at: now) }
            }
            return try await group.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(attempts.filter { $0 == nil }.count == 4)
        #expect(try await stores.1.loginThrottleState(key: key.id)?.attempts == 4)
    }
}
