// CarePlan Link — careplan-bench
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import CarePlanHub
import CarePlanHubStorePostgres
import Foundation

/// A hub data folder for the benchmarks: a fresh store (SQLite in the folder, or a new schema of a PostgreSQL database)
/// with the sample care manager and home-help provider, an API token for each, and a configuration on `port` without a
/// rate limit.
struct BenchHubData {
    let folder: String
    let store: any HubStore
    let configuration: HubConfiguration
    let careManagerToken: String
    let providerToken: String

    /// `concurrency` uploads from the one sending office may run at once (the hub's default allows 2 per office).
    static func make(
        name: String, port: Int, options: SQLiteHubStore.Options = .init(), postgres: String? = nil, concurrency: Int = 16
    ) async throws -> BenchHubData {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("careplan-bench-\(name)-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = HubConfiguration.withNewKeys()
        configuration.port = port
        configuration.limits.requestsPerMinute = 10_000_000
        configuration.limits.concurrentUploadsPerOffice = concurrency
        configuration.limits.concurrentUploads = concurrency
        let store: any HubStore
        if let postgres {
            let schema = "bench_\(name.replacingOccurrences(of: "-", with: "_"))_\(getpid())"
            store = try await PostgresHubStore.open(.init(url: postgres, schema: schema, maximumConnections: concurrency + 4))
        } else {
            store = try SQLiteHubStore(path: HubDataFolder(path: folder).databasePath, options: options)
        }
        let audit = AuditRecord(actor: "bench", office: nil, action: "setup", subject: "")
        func token(_ id: OfficeID, _ name: String) async throws -> String {
            let office = try await store.createOffice(Office(number: id.number, serviceType: id.serviceType!, name: name), audit: audit)
            let account = try await store.createAccount(Account(officeID: office.id, loginName: "bench-\(id)", passwordHash: "x", role: .staff), audit: audit)
            let (secret, _) = try await store.issueAPIToken(
                accountID: account.id, label: "bench", scopes: [.send, .receive], now: Date().timeIntervalSince1970, days: 1, audit: nil)
            return secret
        }
        let careManagerToken = try await token(SampleOffices.careManager, "bench CM")
        let providerToken = try await token(SampleOffices.homeHelp, "bench provider")
        // 連携先: the hub delivers units only between linked partners.
        _ = try await store.linkOffices(SampleOffices.careManager, SampleOffices.homeHelp, at: Date().timeIntervalSince1970, actor: "bench")
        return BenchHubData(folder: folder, store: store, configuration: configuration, careManagerToken: careManagerToken, providerToken: providerToken)
    }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: self.folder) }

    /// Deletes the folder, and the PostgreSQL schema with its data.
    func removeAll() async {
        self.remove()
        if let postgres = self.store as? PostgresHubStore {
            try? await postgres.dropSchemaForBenchmarks()
            postgres.close()
        }
    }
}
