// CarePlan Link — a hub on PostgreSQL from the command line: admin init --database, then everything else from hub.json.
import CarePlanHub
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation
import Testing

@testable import careplan

/// The server of this run (Scripts/test-all.sh starts one); a failure instead of a skip when it is required.
private let postgresURL: String? = {
    let url = ProcessInfo.processInfo.environment["CAREPLAN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    if url == nil && ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_POSTGRES"] != nil {
        fatalError("CAREPLAN_REQUIRE_POSTGRES is set but CAREPLAN_TEST_POSTGRES_URL names no server")
    }
    return url
}()

@Suite("careplan on PostgreSQL", .enabled(if: postgresURL != nil))
struct PostgresCommandTests {
    @Test("admin init --database writes the URL into hub.json and no hub.sqlite; the other commands then use the database; a database with a hub is not taken twice")
    func initOnPostgres() async throws {
        let base = try #require(postgresURL)
        let schema = "c_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = base + "?schema=" + schema
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-pg-\(UUID().uuidString)").path
        let other = folder + "-other"
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: other)
        }
        try await run(["admin", "init", "--data", folder, "--database", url])
        #expect(try HubDataFolder(path: folder).loadConfiguration().database == url)
        try await run(["admin", "create-office", "--data", folder, "--office", "1310100012_43", "--name", "ちよだ居宅"])
        try await run(["admin", "create-user", "--data", folder, "--office", "1310100012_43", "--login", "chiyoda", "--role", "admin", "--password", "long enough password"])
        try await run(["admin", "create-token", "--data", folder, "--login", "chiyoda"])
        try await run(["audit", "verify", "--data", folder])
        // The folder keeps the configuration and the checkpoint file only: the data is in the database.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["audit-checkpoints.jsonl", "hub.json"])

        let store = try #require(try await HubDataFolder(path: folder).openStore() as? PostgresHubStore)
        defer { store.close() }
        #expect(try await store.office(number: "1310100012", serviceType: "43")?.name == "ちよだ居宅")
        let account = try #require(try await store.account(loginName: "chiyoda"))
        #expect(try await store.credentials(accountID: account.id).count == 1)
        #expect(try await store.auditEntries(from: 1, limit: 100).map(\.action).starts(with: ["admin.init"]))
        // The hub starts on it with the folder's keys.
        _ = try await Hub.open(store: store, configuration: try HubDataFolder(path: folder).loadConfiguration())

        // Another folder (new keys) on the same database would make every sealed file unreadable: refused.
        await #expect(throws: HubSetupError.self) { try await run(["admin", "init", "--data", other, "--database", url]) }
        // A mistyped URL is refused before anything is written.
        await #expect(throws: (any Error).self) { try await run(["admin", "init", "--data", other + "2", "--database", "postgres://nobody"]) }
        #expect(!FileManager.default.fileExists(atPath: other + "2/hub.json"))
    }
}
