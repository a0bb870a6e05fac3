// CarePlan Link — the retention pass as `careplan admin purge` runs it: on the store, with the configured cut-offs.
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Testing

@testable import CarePlanHub

@Suite("Hub.applyRetention")
struct HubRetentionTests {
    @Test("an unread unit expires after retention.unreadDays, not before, and read-day rules do not touch it")
    func unreadCutOff() async throws {
        let fixture = try await HubFixture.make()
        _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        var retention = HubConfiguration.Retention()
        retention.unreadDays = 30
        retention.readDays = 7
        let day = 86_400.0
        #expect(try await Hub.applyRetention(store: fixture.store, retention: retention, signer: fixture.hub.signer, at: fixture.clock.now + 8 * day) == (0, 0))
        #expect(try await Hub.applyRetention(store: fixture.store, retention: retention, signer: fixture.hub.signer, at: fixture.clock.now + 29 * day) == (0, 0))
        #expect(try await Hub.applyRetention(store: fixture.store, retention: retention, signer: fixture.hub.signer, at: fixture.clock.now + 31 * day) == (1, 0))
    }

    @Test("the hub's own pass uses its configuration and clock")
    func hubPass() async throws {
        let fixture = try await HubFixture.make { $0.retention.unreadDays = 2 }
        _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        #expect(try await fixture.hub.applyRetention() == (0, 0))
        fixture.clock.advance(days: 3)
        #expect(try await fixture.hub.applyRetention() == (1, 0))
    }
}
