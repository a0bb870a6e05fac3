// CarePlan Link — the HubStore conformance suite, メール通知: one notification per kind, unit and office ever, claimed
// under a lease, finished as sent or failed; only offices with an address; run against every store.
import Foundation
import Testing

import CarePlanExchange
@testable import CarePlanHubStore

@Suite("HubStore conformance: notifications")
struct NotificationConformanceTests {
    typealias Suite = HubStoreConformanceTests

    @Test("arrivals to the recipient, refusals and coming expiry to the sender, each once; a lease keeps a claim from a second sender", arguments: StoreKind.allCases)
    func enqueueAndClaim(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Suite.offices(store)
        try await Suite.store(store, Suite.unit("old", from: sender, to: recipient, at: 100), [("UPPLAN_a.CSV", "a")])
        try await Suite.store(store, Suite.unit("new", from: sender, to: recipient, at: 1_000), [("UPPLAN_b.CSV", "b")])
        // No address yet: nothing is recorded.
        #expect(try await store.enqueueNotifications(since: 500, expiringCreatedBefore: 0, at: 1_100) == 0)
        try await store.setNotificationAddress(officeID: recipient.id, address: "helper@example.jp", at: 1_100, audit: Suite.audit)
        try await store.setNotificationAddress(officeID: sender.id, address: "cm@example.jp", at: 1_100, audit: Suite.audit)
        #expect(try await store.notificationAddress(officeID: recipient.id) == "helper@example.jp")
        // Only the arrival since 500; "old" is expiring (created before 200).
        #expect(try await store.enqueueNotifications(since: 500, expiringCreatedBefore: 200, at: 1_200) == 2)
        #expect(try await store.enqueueNotifications(since: 0, expiringCreatedBefore: 200, at: 1_300) == 1)  // "old"'s arrival, once more nothing else
        #expect(try await store.enqueueNotifications(since: 0, expiringCreatedBefore: 2_000, at: 1_400) == 1)  // "new" expiring
        #expect(try await store.enqueueNotifications(since: 0, expiringCreatedBefore: 2_000, at: 1_500) == 0)

        // One office per claim, the one waiting longest: the recipient's two arrivals, then the sender's two warnings.
        let arrivals = try await store.claimNotifications(at: 1_500, leaseSeconds: 100, limit: 10)
        #expect(Set(arrivals.map { "\($0.notification.kind.rawValue) \($0.notification.unitID) \($0.address)" }) == [
            "arrival new helper@example.jp", "arrival old helper@example.jp",
        ])
        #expect(arrivals.allSatisfy { $0.notification.attempts == 1 && $0.unit.files.count == 1 && $0.unit.sender.id == sender.id })
        let expiring = try await store.claimNotifications(at: 1_500, leaseSeconds: 100, limit: 10)
        #expect(Set(expiring.map { "\($0.notification.kind.rawValue) \($0.notification.unitID) \($0.address)" }) == [
            "expiring old cm@example.jp", "expiring new cm@example.jp",
        ])
        // Leased: a second claim before the lease runs out gets none.
        #expect(try await store.claimNotifications(at: 1_550, leaseSeconds: 100, limit: 10).isEmpty)
        try await store.finishNotifications(arrivals.map { NotificationOutcome(id: $0.notification.id) }, at: 1_560)
        try await store.finishNotifications(
            [NotificationOutcome(id: expiring[0].notification.id, error: "451 later", retryAt: 1_700), NotificationOutcome(id: expiring[1].notification.id, error: "550 no")],
            at: 1_560)
        #expect(try await store.claimNotifications(at: 1_650, leaseSeconds: 100, limit: 10).isEmpty)
        let again = try await store.claimNotifications(at: 1_700, leaseSeconds: 100, limit: 10)
        #expect(again.count == 1 && again[0].notification.id == expiring[0].notification.id && again[0].notification.attempts == 2)
        #expect(again[0].notification.lastError == "451 later")

        let told = try await store.notifications(officeID: recipient.id, limit: 10)
        #expect(told.count == 2 && told.allSatisfy { $0.sentAt == 1_560 && $0.nextAttemptAt == nil && $0.lastError == nil })
        // Removing the address drops what was still to go to it.
        try await store.setNotificationAddress(officeID: sender.id, address: nil, at: 1_800, audit: Suite.audit)
        #expect(try await store.notificationAddress(officeID: sender.id) == nil)
        #expect(try await store.claimNotifications(at: 10_000, leaseSeconds: 100, limit: 10).isEmpty)
        #expect(try await store.notifications(officeID: sender.id, limit: 10).allSatisfy { $0.nextAttemptAt == nil && $0.sentAt == nil })
    }

    @Test("refusals since the cut-off only, and only to the sender", arguments: StoreKind.allCases)
    func refusals(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Suite.offices(store)
        try await Suite.store(store, Suite.unit("r", from: sender, to: recipient, at: 100), [("UPPLAN_r.CSV", "r")])
        try await Suite.downloadAll(store, "r", at: 200)
        _ = try await store.reportImport(unitID: "r", outcome: .importRefused, problems: "[]", at: 300, transition: Suite.transition("importRefused"))
        try await store.setNotificationAddress(officeID: sender.id, address: "cm@example.jp", at: 0, audit: Suite.audit)
        try await store.setNotificationAddress(officeID: recipient.id, address: "helper@example.jp", at: 0, audit: Suite.audit)
        #expect(try await store.enqueueNotifications(since: 301, expiringCreatedBefore: 0, at: 400) == 0)
        #expect(try await store.enqueueNotifications(since: 300, expiringCreatedBefore: 0, at: 400) == 1)
        let claimed = try await store.claimNotifications(at: 400, leaseSeconds: 10, limit: 10)
        #expect(claimed.map(\.notification.kind) == [.importRefused] && claimed[0].notification.officeID == sender.id)
    }

    @Test("a notice that no longer holds is closed, not sent: the unit was received, withdrawn, or imported after all", arguments: StoreKind.allCases)
    func obsolete(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await Suite.offices(store)
        try await store.setNotificationAddress(officeID: recipient.id, address: "helper@example.jp", at: 0, audit: Suite.audit)
        try await store.setNotificationAddress(officeID: sender.id, address: "cm@example.jp", at: 0, audit: Suite.audit)
        try await Suite.store(store, Suite.unit("received", from: sender, to: recipient, at: 100), [("UPPLAN_r.CSV", "r")])
        try await Suite.store(store, Suite.unit("withdrawn", from: sender, to: recipient, at: 101), [("UPPLAN_w.CSV", "w")])
        try await Suite.store(store, Suite.unit("kept", from: sender, to: recipient, at: 102), [("UPPLAN_k.CSV", "k")])
        #expect(try await store.enqueueNotifications(since: 0, expiringCreatedBefore: 0, at: 200) == 3)
        try await Suite.downloadAll(store, "received", at: 300)
        _ = try await store.withdraw(unitID: "withdrawn", at: 300, transition: Suite.transition("withdrawn"))
        let claimed = try await store.claimNotifications(at: 400, leaseSeconds: 10, limit: 10)
        #expect(claimed.map(\.notification.unitID) == ["kept"])
        let closed = try await store.notifications(officeID: recipient.id, limit: 10).filter { $0.unitID != "kept" }
        #expect(closed.count == 2 && closed.allSatisfy { $0.lastError == "obsolete" && $0.nextAttemptAt == nil && $0.sentAt == nil })
    }
}
