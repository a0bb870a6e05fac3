// CarePlan Link — the demo hub: offices, logins and the units they exchanged, made once in a data folder.
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Testing

@testable import CarePlanHub

@Suite("HubDemo")
struct HubDemoTests {
    @Test("the first prepare seeds three offices with logins and the plans and 実績 they exchanged; the second reuses them")
    func seedOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = HubDataFolder(path: path)
        let (configuration, store) = try await HubDemo.prepare(folder: folder)
        let offices = try await store.offices()
        #expect(offices.map(\.officeID.description) == ["1310100012_43", "1310100021_11", "1310100039_15"])
        for login in ["cm", "helper", "day"] {
            let account = try #require(try await store.account(loginName: login))
            #expect(PasswordHasher.verify(HubDemo.password, hash: account.passwordHash))
            #expect(account.role == .admin)
        }
        let careManager = offices[0], provider = offices[1]
        let toProvider = try await store.inbox(officeID: provider.id, after: nil, states: nil, limit: 10)
        #expect(toProvider.map(\.unit.timestamp) == ["20250520180000", "20250525180000"])
        let toCareManager = try await store.inbox(officeID: careManager.id, after: nil, states: nil, limit: 10)
        #expect(toCareManager.map(\.unit.timestamp) == ["20250630180000"])

        // A second run keeps the keys and does not seed again.
        let (again, reopened) = try await HubDemo.prepare(folder: folder)
        #expect(again.encryptionKey == configuration.encryptionKey)
        #expect(try await reopened.offices().count == 3)
    }
}
