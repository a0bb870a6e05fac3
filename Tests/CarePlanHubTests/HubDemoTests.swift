// CarePlan Link — the demo hub: offices, logins and the units they exchanged, made once in a data folder.
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Testing

@testable import CarePlanHub

@Suite("HubDemo")
struct HubDemoTests {
    @Test("the first prepare seeds four offices with logins, partners, and units in every delivery state; the second reuses them")
    func seedOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = HubDataFolder(path: path)
        let (configuration, store) = try await HubDemo.prepare(folder: folder)
        // The first four offices are 千代田区's; the model region's follow (RegionTests).
        let offices = Array(try await store.offices().prefix(4))
        #expect(offices.map(\.officeID.description) == ["1310100012_43", "1310100021_11", "1310100039_15", "1310100047_17"])
        for login in ["cm", "helper", "day", "equipment"] {
            let account = try #require(try await store.account(loginName: login))
            #expect(PasswordHasher.verify(HubDemo.password, hash: account.passwordHash))
            #expect(account.role == .admin)
        }
        let careManager = offices[0], provider = offices[1]
        // 連携先: the care manager with the provider; the day service has asked; the 福祉用具 office is no one's.
        let links = try await store.partnerships(officeID: careManager.id)
        #expect(links.map(\.partner.id) == [provider.id, offices[2].id])
        #expect(links.map(\.partnership.state) == [.linked, .requested] && links[1].partnership.requesterOfficeID == offices[2].id)
        #expect(try await store.partnerships(officeID: offices[3].id).isEmpty)
        // Every state, each made by the same transitions as real units (so each has its receipts).
        let sent = try await store.outbox(officeID: careManager.id, after: nil, limit: 20)
        #expect(Set(sent.map(\.unit.state)) == [.imported, .downloaded, .importRefused, .withdrawn, .expired, .accepted])
        for listed in sent {
            let events = try await store.receipts(unitID: listed.unit.id).map(\.event)
            switch listed.unit.state {
            case .imported: #expect(events == [.received, .imported])
            case .importRefused: #expect(events == [.received, .importRefused] && listed.unit.importProblems != nil)
            case .withdrawn: #expect(events == [.withdrawn])
            case .expired: #expect(events == [.expired] && listed.unit.filesPurgedAt == nil)
            case .downloaded: #expect(events == [.received])
            case .accepted: #expect(events.isEmpty)
            }
        }
        // The unread 利用票 is within the warning period before expiry.
        let hub = try await Hub.open(store: store, configuration: configuration)
        let unread = try #require(sent.first { $0.unit.state == .accepted })
        let expiry = try #require(hub.expiry(of: unread.unit))
        #expect(expiry - hub.now() < configuration.retention.expiryWarningDays * 86_400 && expiry > hub.now())
        // The withdrawn unit is not in the provider's inbox; the provider's 実績 is unread in the care manager's.
        let toProvider = try await store.inbox(officeID: provider.id, after: nil, states: nil, limit: 50).filter { $0.sender.id == careManager.id }
        #expect(toProvider.count == sent.count - 1 && !toProvider.contains { $0.unit.state == .withdrawn })
        let toCareManager = try await store.inbox(officeID: careManager.id, after: nil, states: nil, limit: 10)
        #expect(toCareManager.map(\.unit.timestamp) == ["20250630180000"] && toCareManager[0].unit.state == .accepted)

        // A second run keeps the keys and does not seed again.
        let (again, reopened) = try await HubDemo.prepare(folder: folder)
        #expect(again.encryptionKey == configuration.encryptionKey)
        #expect(try await reopened.offices().count == 4 + HubDemo.regionOffices.count + 1)

        // 利用申請: the office approved today still has its handed-over password and a trial; two wait, one of them
        // for さくら市; the established offices closed the checklist, the new one did not.
        let applications = try await reopened.applications(municipalityCode: nil)
        #expect(applications.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.approved, .pending, .pending])
        #expect(try await reopened.applications(municipalityCode: HubDemo.cityCode).count(where: { $0.state == .pending }) == 1)
        let newcomer = try await reopened.account(named: HubDemo.newOffice.login)
        #expect(newcomer.mustChangePassword && newcomer.role == .admin)
        #expect(try await reopened.usagePeriods(officeID: newcomer.officeID!).map(\.kind) == [.trial])
        #expect(try await reopened.setting(OnboardingChecklist.dismissedKey(newcomer)) == nil)
        #expect(try await reopened.setting(OnboardingChecklist.dismissedKey(try await reopened.account(named: "cm"))) != nil)
    }
}
