// CarePlan Link — audit verification from a hub's configuration and evidence files (what `careplan audit verify` does).
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Testing

@testable import CarePlanHub

@Suite("AuditVerifier evidence")
struct AuditEvidenceTests {
    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func receipt(_ signer: ReceiptSigner, unit: String) throws -> SignedReceipt {
        try signer.sign(
            ReceiptPayload(event: "accepted", unitID: unit, sender: "1310100012_43", recipient: "1310100021_11", timestamp: "20250525180000",
                           files: [], time: "2025-05-25T09:00:00Z"))
    }

    @Test("a file holds one receipt, an upload answer, JSON lines of them, or nothing; a stray line makes it unusable")
    func statements() throws {
        let signer = try ReceiptSigner(base64PrivateKey: ReceiptSigner.generateKey())
        let one = try receipt(signer, unit: "u1"), two = try receipt(signer, unit: "u2")
        var paths: [String] = []
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        func file(_ text: String) throws -> String {
            paths.append(try temporaryFile(text))
            return paths.last!
        }
        #expect(try AuditVerifier.signedStatements(in: file(one.json())) == [one])
        #expect(try AuditVerifier.signedStatements(in: file("{\"created\": true, \"receipt\": \(one.json())}")) == [one])
        #expect(try AuditVerifier.signedStatements(in: file(one.json() + "\n\n" + two.json() + "\n")) == [one, two])
        #expect(try AuditVerifier.signedStatements(in: file(" \n")) == [])
        #expect(throws: AuditVerifier.EvidenceError.self) { try AuditVerifier.signedStatements(in: file(one.json() + "\nnot json\n")) }
        #expect(throws: AuditVerifier.EvidenceError.self) { try AuditVerifier.signedStatements(in: "/nonexistent/evidence.json") }
    }

    @Test("verification from the configuration: intact with the kept checkpoint file; refused when that file is gone")
    func fromConfiguration() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-audit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = HubDataFolder(path: path)
        _ = try await folder.create(actor: "test")
        let configuration = try folder.loadConfiguration()
        let report = try await AuditVerifier.verify(store: try folder.openStore(), configuration: configuration, evidenceFiles: [])
        #expect(report.isIntact && report.entries == 1)

        // Evidence signed with another key is a problem, not a silent skip.
        let stranger = try ReceiptSigner(base64PrivateKey: ReceiptSigner.generateKey())
        let forged = try temporaryFile(try receipt(stranger, unit: "u9").json())
        defer { try? FileManager.default.removeItem(atPath: forged) }
        let bad = try await AuditVerifier.verify(store: try folder.openStore(), configuration: configuration, evidenceFiles: [forged])
        #expect(!bad.isIntact && bad.anchorProblems.count == 1)

        try FileManager.default.removeItem(atPath: configuration.audit.checkpointFile!)
        let missing = await #expect(throws: AuditVerifier.EvidenceError.self) {
            try await AuditVerifier.verify(store: try folder.openStore(), configuration: configuration, evidenceFiles: [])
        }
        #expect(missing?.description.hasPrefix("監査チェックポイントのファイルがありません / ") == true)
    }
}
