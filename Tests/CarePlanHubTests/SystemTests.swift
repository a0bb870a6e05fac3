// CarePlan Link — health, metrics, OpenAPI coverage, login and lockout, key checks, restart.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanHub

@Suite("Hub system")
struct SystemTests {
    @Test("health, metrics, the OpenAPI document and the public key are served without auth")
    func systemRoutes() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/health", method: .get) { $0.status } == .ok)
            #expect(try await client.execute(uri: "/metrics", method: .get) { $0.status } == .ok)
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
            let (_, key) = try await client.getJSON("/api/v1/public-key", token: "")
            #expect((key as? [String: String])?["publicKey"] == fixture.hub.signer.publicKey)
        }
    }

    @Test("every route of the router is described in openapi.yaml, and every path there exists")
    func openAPICoversRoutes() async throws {
        let fixture = try await HubFixture.make()
        let router = try buildRouter(hub: fixture.hub, registry: PrometheusCollectorRegistry())
        // The web UI (/web, and / redirecting to it) serves HTML pages, not the API.
        let apiRoutes = router.routes.filter { route in
            let first = route.path.components.first.map { "\($0)" } ?? ""
            return first != "web" && !route.path.components.isEmpty && first != ""
        }
        let routes = Set(apiRoutes.map { route in
            "/" + route.path.components.map { component in
                let text = "\(component)"
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }.joined(separator: "/") + " " + route.method.rawValue.lowercased()
        })
        var documented = Set<String>()
        var currentPath: String?
        for line in OpenAPIDocument.text.split(separator: "\n") {
            if line.hasPrefix("  /") { currentPath = String(line.dropFirst(2).dropLast()) }
            else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "), let method = line.split(separator: ":").first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                ["get", "post", "put", "delete", "patch"].contains(method)
            {
                documented.insert("\(path) \(method)")
            }
        }
        #expect(routes == documented, "undocumented: \(routes.subtracting(documented)), stale: \(documented.subtracting(routes))")
    }

    @Test("password login gives a working session; attempts past the free ones are delayed, the same for unknown names")
    func loginAndThrottle() async throws {
        let fixture = try await HubFixture.make { $0.auth.freeLoginAttempts = 3 }
        try await fixture.passwordAccount("kanda", "correct horse battery")
        try await fixture.test { client in
            func login(_ name: String, _ password: String) async throws -> (HTTPResponse.Status, String, String?) {
                let body = try JSONSerialization.data(withJSONObject: ["loginName": name, "password": password])
                return try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: Array(body))) {
                    ($0.status, String(buffer: $0.body), $0.headers[.retryAfter])
                }
            }
            let (ok, session, _) = try await login("kanda", "correct horse battery")
            #expect(ok == .ok)
            let token = try #require((try JSONSerialization.jsonObject(with: Data(session.utf8)) as? [String: Any])?["token"] as? String)
            let checked1 = try await client.getJSON("/api/v1/inbox", token: token).0
            #expect(checked1 == .ok)
            // The real account and an unknown name answer alike, attempt by attempt.
            for name in ["kanda", "nobody"] {
                var answers: [String] = []
                for _ in 0..<4 {
                    let (status, body, _) = try await login(name, "wrong")
                    #expect(status == .unauthorized)
                    answers.append(body)
                }
                #expect(Set(answers).count == 1 && answers[0].contains("login.failed"))
                // The fourth failure started a delay: even the right password waits, without a check.
                let (throttled, body, retry) = try await login(name, "correct horse battery")
                #expect(throttled == .tooManyRequests && body.contains("login.throttled") && retry == "1")
            }
            fixture.clock.advance(days: 2.0 / 86_400)
            #expect(try await login("kanda", "correct horse battery").0 == .ok)
        }
        let actions = try await fixture.store.auditEntries(from: 1, limit: 100).map { $0.action }
        #expect(actions.filter { $0 == "login.failed" }.count == 8)
        #expect(actions.filter { $0 == "login" }.count == 2)
    }

    @Test("SHA-256 digests are lowercase hex of the standard value")
    func digestVector() {
        #expect(HexDigest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ISO8601.string(0) == "1970-01-01T00:00:00.000Z")
    }

    @Test("a missing or wrong encryption key stops the hub at start-up")
    func keyChecks() async throws {
        let store = try SQLiteHubStore.inMemory()
        let configuration = HubConfiguration.withNewKeys()
        _ = try await Hub.open(store: store, configuration: configuration)
        var missing = configuration
        missing.encryptionKey = nil
        await #expect(throws: HubSetupError.self) { try await Hub.open(store: store, configuration: missing) }
        var wrong = configuration
        wrong.encryptionKey = BlobCipher.generateKey()
        await #expect(throws: HubSetupError.self) { try await Hub.open(store: store, configuration: wrong) }
        var otherSigner = configuration
        otherSigner.signingKey = ReceiptSigner.generateKey()
        await #expect(throws: HubSetupError.self) { try await Hub.open(store: store, configuration: otherSigner) }
        _ = try await Hub.open(store: store, configuration: configuration)
    }

    @Test("a hub refused at start-up (wrong key) expires nothing, purges nothing and signs no checkpoint")
    func refusedStartTouchesNothing() async throws {
        let fixture = try await HubFixture.make()
        let unit = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        let entries = try await fixture.store.auditEntries(from: 1, limit: 10_000).count
        var wrong = fixture.hub.configuration
        wrong.encryptionKey = BlobCipher.generateKey()
        wrong.host = "127.0.0.1"
        wrong.port = 0
        // Everything is due: the unit is long unread, a checkpoint is due at once.
        wrong.retention.unreadDays = 0.000_01
        wrong.audit.checkpointSeconds = 0.001
        let app = try await buildApplication(store: fixture.store, configuration: wrong, now: { fixture.clock.now + 86_400 })
        await #expect(throws: HubSetupError.self) { try await app.runService() }
        #expect(try await fixture.store.unit(id: unit.id)?.state == .accepted)
        #expect(try await fixture.store.auditEntries(from: 1, limit: 10_000).count == entries)
        #expect(try await fixture.store.auditCheckpoints().isEmpty)
    }

    @Test("file bodies are encrypted at rest and come back byte-identical after a restart")
    func restart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hub.sqlite").path
        let configuration = HubConfiguration.withNewKeys()
        let units: [UploadedUnit]
        do {
            let fixture = try await HubFixture.make(configure: { $0 = configuration }, store: try SQLiteHubStore(path: path))
            units = try await fixture.testValue { client in
                var units: [UploadedUnit] = []
                for (second, pattern) in [SamplePattern.carePlan, .monthlyPlan, .carePlanDeletion].enumerated() {
                    let files = sampleUnit(pattern, second: second)
                    let (status, json) = try await client.upload(files, token: fixture.careManagerToken)
                    #expect(status == .created)
                    fixture.clock.advance(days: 0.001)
                    units.append(UploadedUnit(id: (json["unit"] as? [String: Any])?["id"] as? String ?? "", files: files.map { UploadedUnit.File(name: $0.name, bytes: $0.bytes) }))
                }
                return units
            }
            // At rest, no stored body equals (or contains the start of) the plaintext.
            for unit in units {
                for file in try await fixture.store.files(unitID: unit.id) {
                    let stored = try #require(try await fixture.store.body(sha256: file.sha256))
                    let plain = unit.files.first { $0.name == file.name }!.bytes
                    #expect(stored != plain)
                    #expect(!stored.starts(with: plain.prefix(16)))
                }
            }
        }
        let reopened = try SQLiteHubStore(path: path)
        let hub = try await Hub.open(store: reopened, configuration: configuration)
        let provider = try #require(try await reopened.office(number: SampleOffices.homeHelp.number, serviceType: "11"))
        let account = try #require(try await reopened.account(loginName: "staff-\(provider.number)"))
        let fresh = try await HubFixture.issueToken(store: reopened, accountID: account.id, scopes: [.receive], now: Date().timeIntervalSince1970)
        try await Application(router: try buildRouter(hub: hub, registry: PrometheusCollectorRegistry())).test(.router) { client in
            let (_, inbox) = try await client.getJSON("/api/v1/inbox", token: fresh)
            #expect(((inbox as? [String: Any])?["units"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == units.map(\.id))
            for unit in units {
                for file in unit.files {
                    try await client.execute(uri: "/api/v1/units/\(unit.id)/files/\(file.name)", method: .get, headers: bearer(fresh)) { response in
                        #expect(response.status == .ok)
                        #expect(Array(buffer: response.body) == file.bytes)
                    }
                }
            }
        }
    }
}

struct UploadedUnit: Sendable {
    struct File: Sendable {
        let name: String
        let bytes: [UInt8]
    }
    let id: String
    let files: [File]
}
