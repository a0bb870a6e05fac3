// CarePlan Link — the office side from the command line: an HTTPS hub made by `admin init --tls-host`, client
// certificates from `admin issue-cert`, then send, fetch, import, plans, reconcile and export.
import ArgumentParser
import CarePlanExchange
import CarePlanClient
import CarePlanCSV
import CarePlanHub
import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing
import CarePlanHubStore

@testable import careplan

private func files(in folder: String) -> [String] {
    ((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []).sorted()
}

@Suite("careplan send, fetch, import, plans, reconcile, export")
struct ClientCommandTests {
    @Test("an HTTPS hub from admin init; offices exchange with certificates; a revoked certificate is refused")
    func exchangeOverMutualTLS() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/hub"
        try await run(["admin", "init", "--data", data, "--tls-host", "127.0.0.1"])
        for (office, name, login) in [("1310100012_43", "ちよだ居宅", "cm"), ("1310100021_11", "神田ヘルパー", "hh")] {
            try await run(["admin", "create-office", "--data", data, "--office", office, "--name", name])
            try await run(["admin", "create-user", "--data", data, "--office", office, "--login", login, "--password", "long enough password"])
            try await run(["admin", "issue-cert", "--data", data, "--login", login, "--out", root + "/certs"])
        }
        let keyAttributes = try FileManager.default.attributesOfItem(atPath: root + "/certs/cm.key.pem")
        #expect((keyAttributes[.posixPermissions] as? Int) == 0o600)

        // The server as `careplan serve` builds it from the data folder, on a free port.
        var configuration = try HubConfiguration.load(path: data + "/hub.json")
        configuration.port = 0
        let store = try SQLiteHubStore(path: data + "/hub.sqlite")
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "cli-test")
        logger.logLevel = .critical
        let app = try await buildApplication(store: store, configuration: configuration, logger: logger, onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var port = 0
        for await value in ports { port = value }
        let hubFlags = ["--hub", "https://127.0.0.1:\(port)", "--ca", root + "/certs/hub-ca.pem"]
        func certificate(_ login: String) -> [String] { ["--cert", root + "/certs/\(login).crt.pem", "--key", root + "/certs/\(login).key.pem"] }

        try await run(["sample", "monthly-plan", "--out", root + "/out"])
        // Not partners yet: the hub refuses the unit.
        await #expect(throws: ExitCode.self) { try await run(["send", root + "/out"] + hubFlags + certificate("cm")) }
        await #expect(throws: ExitCode.self) { try await run(["send", root + "/out", "--dry-run"] + hubFlags + certificate("cm")) }
        // 連携先: the care manager asks (by 事業所番号), the provider accepts (by the hub's number for the office).
        try await run(["partners", "search", "ヘルパー"] + hubFlags + certificate("cm"))
        try await run(["partners", "request", "--office", "1310100021_11"] + hubFlags + certificate("cm"))
        await #expect(throws: HubClientError.self) { try await run(["partners", "accept", "--office", "1310100021_11"] + hubFlags + certificate("cm")) }
        try await run(["partners", "accept", "--id", "1"] + hubFlags + certificate("hh"))
        try await run(["partners", "list", "--format", "json"] + hubFlags + certificate("hh"))
        #expect(try await store.partnership(between: 1, and: 2)?.state == .linked)
        // The preview at the hub: nothing sent, the unit would go.
        try await run(["send", root + "/out", "--dry-run"] + hubFlags + certificate("cm"))
        #expect(try await store.outbox(officeID: 1, after: nil, limit: 10).isEmpty)
        try await run(["send", root + "/out"] + hubFlags + certificate("cm"))
        #expect(files(in: root + "/out").contains { $0.hasSuffix(".receipt.json") })
        let receipt = try #require(files(in: root + "/out").first { $0.hasSuffix(".receipt.json") })
        let publicKey = try ReceiptSigner(base64PrivateKey: configuration.signingKey!).publicKey
        try await run(["receipt", "verify", root + "/out/" + receipt, "--public-key", publicKey])

        try await run(["fetch", "--out", root + "/inbox", "--quiet"] + hubFlags + certificate("hh"))
        let received = files(in: root + "/inbox").filter { $0.hasSuffix(".CSV") && !$0.hasPrefix(".") }
        #expect(received.count == 3)
        for name in files(in: root + "/out") where name.hasSuffix(".CSV") {
            let sent = try Data(contentsOf: URL(fileURLWithPath: root + "/out/" + name))
            let path = try #require(received.first { $0.hasSuffix("/" + name) })
            #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/inbox/" + path)) == sent)
        }
        try await run(["import", root + "/inbox", "--store", root + "/hh.sqlite"])
        let versions = try await ImportStore(path: root + "/hh.sqlite").versions(currentOnly: true)
        #expect(versions.count == 3 && versions.allSatisfy { $0.key.family == .usagePlan })

        // Revoke the provider's certificate (id 2): its next fetch is refused.
        try await run(["admin", "revoke", "--data", data, "--id", "2"])
        await #expect(throws: HubClientError.self) { try await run(["fetch", "--out", root + "/inbox", "--quiet"] + hubFlags + certificate("hh")) }
        server.cancel()
        _ = await server.result
    }

    @Test("import, plans list/diff, reconcile --csv and export on the care manager's side")
    func storeCommands() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await run(["sample", "monthly-plan", "--users", "2", "--out", root + "/sent"])
        try await run(["sample", "results", "--users", "2", "--out", root + "/received"])
        let storePath = root + "/cm.sqlite"
        try await run(["import", root + "/sent", root + "/received", "--store", storePath])
        // Importing again changes nothing.
        try await run(["import", root + "/sent", root + "/received", "--store", storePath])
        let store = try ImportStore(path: storePath)
        #expect(try await store.versions().count == 4)  // 2 users × (利用票 + 実績)

        try await run(["reconcile", "--store", storePath, "--month", "202506", "--csv", root + "/diff.csv"])
        let csv = try String(contentsOfFile: root + "/diff.csv", encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 4)
        #expect(csv.contains("時間相違,timeDiffers") && csv.contains("予定あり・実績なし,missing"))

        let user = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2).users[0]
        try await run(["export", "--store", storePath, "--user", user.insuredNumber, "--key", "202506", "--out", root + "/export"])
        let exported = files(in: root + "/export")
        #expect(exported.count == 4)  // 第6表, 第7表, 補足, 実績
        for name in exported {
            let report = FileValidator.validate(path: root + "/export/" + name)
            #expect(report.isValid, "\(name)")
            #expect(report.summary.definedKeys.allSatisfy { $0.insuredNumber == user.insuredNumber } || report.summary.definedKeys.isEmpty)
        }
        await #expect(throws: (any Error).self) { try await run(["plans", "diff", "999", "--store", storePath]) }
        try await run(["plans", "list", "--store", storePath, "--user", user.insuredNumber])
        try await run(["plans", "diff", "1", "--store", storePath])
    }
}
