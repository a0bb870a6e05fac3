// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanCSV
import CarePlanExchange
import Foundation
import Synchronization

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
        if fresh {
            try await Self.seed(store: store, configuration: configuration)
            try await Self.seedRegion(store: store, configuration: configuration, now: HubClock.system())
            try await Self.seedOnboarding(store: store, now: HubClock.system())
        }
        return (configuration, store)
    }

    /// Offices (居宅介護支援, 訪問介護, 通所介護, 福祉用具貸与), an admin login for each, the care manager and the home-help
    /// provider linked as partners (連携先), the day service asking the care manager to link (the 福祉用具 office is no
    /// one's partner yet), and units between the care manager and the
    /// home-help provider in every delivery state, stored through the same checks and state changes as real ones, on
    /// a clock that starts 35 days ago: 取込済, 受信済, 取込不可 (with its reason), 取り下げ, 期限切れ (its files kept for
    /// 「もう一度送る」), an unread 利用票 about to expire (the sender is warned), and the provider's 実績, unread.
    public static func seed(store: any HubStore, configuration: HubConfiguration) async throws {
        let day = 86_400.0
        let clock = DemoClock(start: HubClock.system() - 35 * day)
        let hub = try await Hub.open(store: store, configuration: configuration, now: { clock.now })
        let audit = AuditRecord(actor: "demo", office: nil, action: "demo.seed", subject: "")
        let hash = PasswordHasher.hash(Self.password)
        var offices: [OfficeID: Office] = [:]
        var accounts: [OfficeID: Account] = [:]
        for (id, name, login, contact) in [
            (SampleOffices.careManager, "ちよだ居宅介護支援センター", "cm", "03-0000-0012"),
            (SampleOffices.homeHelp, "神田ヘルパーステーション", "helper", "03-0000-0021"),
            (SampleOffices.dayService, "麹町デイサービス", "day", "03-0000-0039"),
            (SampleOffices.equipment, "番町福祉用具センター", "equipment", "03-0000-0047"),
        ] {
            let office = try await store.createOffice(
                Office(number: id.number, serviceType: id.serviceType!, name: name, address: "東京都千代田区", municipalityCode: "131016", contact: contact),
                audit: audit)
            offices[id] = office
            accounts[id] = try await store.createAccount(Account(officeID: office.id, loginName: login, passwordHash: hash, role: .admin), audit: audit)
        }
        let careManager = offices[SampleOffices.careManager]!
        // 連携先: the care manager and the home-help provider are linked; the day service has asked the care manager.
        let partners = PartnerBook(hub: hub)
        _ = try await partners.request(offices[SampleOffices.homeHelp]!, by: careManager, actor: "demo")
        _ = try await partners.answer(careManager, by: offices[SampleOffices.homeHelp]!, accept: true, actor: "demo")
        _ = try await partners.request(careManager, by: offices[SampleOffices.dayService]!, actor: "demo")
        let helper = HubIdentity(
            account: accounts[SampleOffices.homeHelp]!, office: offices[SampleOffices.homeHelp]!,
            credential: Credential(
                accountID: accounts[SampleOffices.homeHelp]!.id, kind: .webSession, secretHash: "", label: "demo", scopes: [.send, .receive], createdAt: 0,
                expiresAt: .infinity))
        let sender = HubIdentity(
            account: accounts[SampleOffices.careManager]!, office: careManager,
            credential: Credential(
                accountID: accounts[SampleOffices.careManager]!.id, kind: .webSession, secretHash: "", label: "demo", scopes: [.send, .receive], createdAt: 0,
                expiresAt: .infinity))
        let delivery = UnitDelivery(hub: hub)
        func send(_ pattern: SamplePattern, month: Int, _ timestamp: String, from office: Office = careManager) async throws -> ListedUnit {
            let factory = SampleFactory(month: YearMonth(year: 2025, month: month)!, userCount: 3, timestamp: FileTimestamp(timestamp)!)
            let files = factory.files(for: pattern).map { UploadedFile(name: $0.name.description, bytes: $0.bytes) }
            return try await UnitIntake(hub: hub).accept(files, from: office, actor: "demo", account: "demo").listed
        }
        func receiveAll(_ listed: ListedUnit) async throws {
            for file in listed.files { _ = try await delivery.download(listed, name: file.name, by: helper) }
        }
        func reload(_ listed: ListedUnit) async throws -> ListedUnit { try await store.listedUnit(id: listed.unit.id) ?? listed }

        // 35 days ago: a care plan, received and imported; a May 利用票 nobody downloads (it expires below).
        let plan = try await send(.carePlan, month: 6, "20250520180000")
        try await receiveAll(plan)
        _ = try await delivery.reportImport(try await reload(plan), ImportReportRequest(outcome: .imported), by: helper)
        _ = try await send(.monthlyPlan, month: 5, "20250425180000")
        // 28 days ago: the June 利用票, still unread: it expires in two days, so its sender is warned.
        clock.advance(7 * day)
        _ = try await send(.monthlyPlan, month: 6, "20250525180000")
        // Two days ago: July's, received (not yet imported); August's, refused by the provider's import.
        clock.advance(26 * day)
        try await receiveAll(try await send(.monthlyPlan, month: 7, "20250625180000"))
        let august = try await send(.monthlyPlan, month: 8, "20250725180000")
        try await receiveAll(august)
        let conflict = ImportProblem(code: "import.sequenceConflict")
        let required = ImportProblem(code: Rule.required.rawValue, file: august.files.first { $0.kind == "UPPLAN" }?.name, row: 2, item: 3)
        _ = try await delivery.reportImport(try await reload(august), ImportReportRequest(outcome: .refused, problems: [conflict, required]), by: helper)
        // Yesterday: a changed care plan sent by mistake and withdrawn; the provider's June 実績 sent back, unread.
        clock.advance(day)
        let mistake = try await send(.carePlan, month: 6, "20250610180000")
        _ = try await delivery.withdraw(mistake, by: sender)
        _ = try await send(.results, month: 6, "20250630180000", from: offices[SampleOffices.homeHelp]!)
        // Now: the retention pass expires the May 利用票.
        clock.set(HubClock.system())
        _ = try await hub.applyRetention()
    }
}

/// The demo's clock: the seed moves it forward through five weeks of exchange.
final class DemoClock: Sendable {
    private let value: Mutex<Double>

    init(start: Double) { self.value = Mutex(start) }

    var now: Double { self.value.withLock { $0 } }
    func advance(_ seconds: Double) { self.value.withLock { $0 += seconds } }
    func set(_ time: Double) { self.value.withLock { $0 = time } }
}
