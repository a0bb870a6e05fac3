// CarePlan Link — the store the hub's tests run on: SQLite in memory, or PostgreSQL when the run asks for it.
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation

/// `CAREPLAN_TEST_STORE=postgres` (with `CAREPLAN_TEST_POSTGRES_URL`) runs the whole hub suite on PostgreSQL, each
/// fixture in a schema of its own; Scripts/test-all.sh runs the suite once on each store.
enum TestStores {
    static var usesPostgres: Bool { ProcessInfo.processInfo.environment["CAREPLAN_TEST_STORE"] == "postgres" }

    /// A fresh, empty store of the kind this run tests.
    static func make() async throws -> any HubStore {
        guard self.usesPostgres else { return try SQLiteHubStore.inMemory() }
        guard let url = ProcessInfo.processInfo.environment["CAREPLAN_TEST_POSTGRES_URL"], !url.isEmpty else {
            fatalError("CAREPLAN_TEST_STORE=postgres needs CAREPLAN_TEST_POSTGRES_URL (Scripts/postgres.sh start)")
        }
        let schema = "h_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try await PostgresHubStore.open(.init(url: url, schema: schema, maximumConnections: 4, connectionIdleTimeout: .seconds(2)))
    }

    /// `store` when given, else a fresh one.
    static func given(_ store: (any HubStore)?) async throws -> any HubStore {
        if let store { return store }
        return try await self.make()
    }

    /// Runs raw SQL on either store, for tests that must damage the database (an edited audit row).
    static func damage(_ store: any HubStore, _ sql: String) async throws {
        switch store {
        case let sqlite as SQLiteHubStore: try await sqlite._executeForTesting(sql)
        case let postgres as PostgresHubStore: try await postgres._executeForTesting(sql)
        default: fatalError("no raw SQL for \(type(of: store))")
        }
    }
}

extension TestStores {
    /// The PostgreSQL server of this run; nil when there is none (a failure instead when `CAREPLAN_REQUIRE_POSTGRES` is set).
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["CAREPLAN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if url == nil && ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_POSTGRES"] != nil {
            fatalError("CAREPLAN_REQUIRE_POSTGRES is set but CAREPLAN_TEST_POSTGRES_URL names no server (Scripts/postgres.sh start)")
        }
        return url
    }

    /// Two stores with pools of their own on one fresh schema: what two hub processes on one database have in common
    /// is the database alone.
    static func postgresPair() async throws -> (PostgresHubStore, PostgresHubStore) {
        guard let url = self.postgresURL else { throw CancellationError() }
        let schema = "m_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // Opened at once, as two hubs starting together would: both create and migrate the new schema, one waits.
        async let first = PostgresHubStore.open(.init(url: url, schema: schema, maximumConnections: 8, connectionIdleTimeout: .seconds(2)))
        async let second = PostgresHubStore.open(.init(url: url, schema: schema, maximumConnections: 8, connectionIdleTimeout: .seconds(2)))
        return try await (first, second)
    }
}
