// CarePlan Link — the stores the conformance suite runs against.
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation
import Testing

/// Every store implementation (and configuration of one) that must pass ``HubStoreConformanceTests``. A new store adds
/// a case here; nothing else in the suite changes.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// SQLite in memory (`DatabaseQueue`), as the hub's tests use it.
    case sqliteMemory
    /// SQLite on a file (`DatabasePool`, WAL, synchronous = FULL, group commit), as the hub runs.
    case sqliteFile
    /// SQLite on a file without group commit: every write its own transaction.
    case sqliteFileDirect
    /// PostgreSQL (`CAREPLAN_TEST_POSTGRES_URL`), each store in a schema of its own.
    case postgres

    var testDescription: String { self.rawValue }

    /// The kinds this run tests: PostgreSQL when `CAREPLAN_TEST_POSTGRES_URL` names a server (Scripts/test-all.sh
    /// starts one), and a failure instead of a silent skip when `CAREPLAN_REQUIRE_POSTGRES` is set without one.
    static var allCases: [StoreKind] {
        PostgresTestServer.url == nil ? [.sqliteMemory, .sqliteFile, .sqliteFileDirect] : [.sqliteMemory, .sqliteFile, .sqliteFileDirect, .postgres]
    }

    func makeStore() async throws -> any HubStore {
        switch self {
        case .sqliteMemory:
            return try SQLiteHubStore.inMemory()
        case .sqliteFile, .sqliteFileDirect:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-conformance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteHubStore(
                path: folder.appendingPathComponent("hub.sqlite").path, options: .init(groupCommit: self == .sqliteFile))
        case .postgres:
            return try await PostgresTestServer.makeStore()
        }
    }
}

/// The PostgreSQL server of this test run, if any.
enum PostgresTestServer {
    static var url: String? {
        let url = ProcessInfo.processInfo.environment["CAREPLAN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if url == nil && ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_POSTGRES"] != nil {
            fatalError("CAREPLAN_REQUIRE_POSTGRES is set but CAREPLAN_TEST_POSTGRES_URL names no server (Scripts/postgres.sh start)")
        }
        return url
    }

    /// A store on a schema nobody else uses, with a small pool that closes idle connections soon (a run makes hundreds).
    static func makeStore(schema: String = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")) async throws -> PostgresHubStore {
        guard let url else { throw CancellationError() }
        return try await PostgresHubStore.open(.init(url: url, schema: schema, maximumConnections: 4, connectionIdleTimeout: .seconds(2)))
    }
}
