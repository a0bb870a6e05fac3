// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanCSV
import Foundation

/// The demo hub (デモ) of `careplan demo`: three sample offices with public logins and the plans and 実績 they
/// exchanged, stored through the same checks as uploads. Not for real data: the password is public.
public enum HubDemo {
    /// The password of every demo login (cm, helper, day).
    public static let password = "careplan-demo"

    /// The demo's configuration and store in `folder`: made and seeded on the first run, reused afterwards.
    public static func prepare(folder: HubDataFolder) async throws -> (configuration: HubConfiguration, store: SQLiteHubStore) {
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let fresh = !FileManager.default.fileExists(atPath: folder.configPath)
        let configuration: HubConfiguration
        if fresh {
            configuration = HubConfiguration.withNewKeys()
            try configuration.write(path: folder.configPath)
        } else {
            configuration = try folder.loadConfiguration()
        }
        let store = try SQLiteHubStore(path: folder.databasePath)
        if fresh { try await Self.seed(store: store, configuration: configuration) }
        return (configuration, store)
    }

    /// Offices (居宅介護支援, 訪問介護, 通所介護), an admin login for each, a care plan and a June 利用票 sent to the
    /// home-help provider, and the provider's 実績 sent back.
    public static func seed(store: any HubStore, configuration: HubConfiguration) async throws {
        let hub = try await Hub.open(store: store, configuration: configuration)
        let audit = AuditRecord(actor: "demo", office: nil, action: "demo.seed", subject: "")
        let hash = PasswordHasher.hash(Self.password)
        var offices: [OfficeID: Office] = [:]
        for (id, name, login, contact) in [
            (SampleOffices.careManager, "ちよだ居宅介護支援センター", "cm", "03-0000-0012"),
            (SampleOffices.homeHelp, "神田ヘルパーステーション", "helper", "03-0000-0021"),
            (SampleOffices.dayService, "麹町デイサービス", "day", "03-0000-0039"),
        ] {
            let office = try await store.createOffice(
                Office(number: id.number, serviceType: id.serviceType!, name: name, address: "東京都千代田区", municipalityCode: "131016", contact: contact),
                audit: audit)
            offices[id] = office
            _ = try await store.createAccount(Account(officeID: office.id, loginName: login, passwordHash: hash, role: .admin), audit: audit)
        }
        let june = YearMonth(year: 2025, month: 6)!
        let plan = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250520180000")!)
        let monthly = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250525180000")!)
        let results = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250630180000")!)
        func files(_ factory: SampleFactory, _ pattern: SamplePattern) -> [(name: String, bytes: [UInt8])] {
            factory.files(for: pattern).map { ($0.name.description, $0.bytes) }
        }
        _ = try await hub.submit(files(plan, .carePlan), from: offices[SampleOffices.careManager]!, actor: "demo")
        _ = try await hub.submit(files(monthly, .monthlyPlan), from: offices[SampleOffices.careManager]!, actor: "demo")
        _ = try await hub.submit(files(results, .results), from: offices[SampleOffices.homeHelp]!, actor: "demo")
    }
}
