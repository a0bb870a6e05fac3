// CarePlan Link — the hub's data folder: layout and provisioning (what `careplan admin init` does).
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Testing

@testable import CarePlanHub

@Suite("HubDataFolder")
struct HubDataFolderTests {
    private func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

    @Test("the layout: hub.json and hub.sqlite in the folder, or the configuration elsewhere")
    func layout() {
        let folder = HubDataFolder(path: "/srv/hub")
        #expect(folder.configPath == "/srv/hub/hub.json")
        #expect(folder.databasePath == "/srv/hub/hub.sqlite")
        let moved = HubDataFolder(path: "/srv/hub", configPath: "/etc/careplan/hub.json")
        #expect(moved.configPath == "/etc/careplan/hub.json")
        #expect(moved.databasePath == "/srv/hub/hub.sqlite")
    }

    @Test("create provisions keys, the database, a TLS certificate, owner-only files and an audit entry, and never overwrites keys")
    func create() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = HubDataFolder(path: path)
        await #expect(throws: HubSetupError.self) { try await folder.openStore() }

        let created = try await folder.create(tlsHosts: ["127.0.0.1"], actor: "test")
        #expect(try mode(path) == 0o700)
        #expect(try mode(folder.configPath) == 0o600)
        #expect(try mode(path + "/tls-key.pem") == 0o600)
        #expect(try mode(path + "/tls-cert.pem") == 0o644)
        #expect(try mode(path + "/audit-checkpoints.jsonl") == 0o600)
        #expect(try String(contentsOfFile: path + "/tls-cert.pem", encoding: .utf8).components(separatedBy: "BEGIN CERTIFICATE").count == 3)  // server + CA

        let loaded = try folder.loadConfiguration()
        #expect(loaded.encryptionKey == created.configuration.encryptionKey)
        #expect(loaded.tls?.certificateFile == path + "/tls-cert.pem")
        #expect(loaded.audit.checkpointFile == path + "/audit-checkpoints.jsonl")
        #expect(try ReceiptSigner(base64PrivateKey: loaded.signingKey!).publicKey == created.receiptPublicKey)
        let audit = try await folder.openStore().auditEntries(from: 1, limit: 10)
        #expect(audit.map(\.action) == ["admin.init"])

        await #expect(throws: HubSetupError.self) { try await folder.create(actor: "test") }
        #expect(try folder.loadConfiguration().encryptionKey == created.configuration.encryptionKey)
    }

    @Test("without TLS hosts there is no certificate and no tls section")
    func plain() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let created = try await HubDataFolder(path: path).create(actor: "test")
        #expect(created.configuration.tls == nil)
        #expect(!FileManager.default.fileExists(atPath: path + "/tls-cert.pem"))
    }
}
