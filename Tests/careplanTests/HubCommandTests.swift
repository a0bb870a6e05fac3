// CarePlan Link — hub administration from the command line: init, offices, accounts, tokens, receipts, audit.
import ArgumentParser
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import CarePlanHub
import Foundation
import Testing

@testable import careplan

@Suite("careplan admin, receipt, audit")
struct HubCommandTests {
    @Test("init writes keys once; offices, users and tokens are created; the audit chain verifies and detects an edit")
    func adminFlow() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-admin-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["admin", "init", "--data", folder])
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/hub.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        await #expect(throws: (any Error).self) { try await run(["admin", "init", "--data", folder]) }  // never overwrites keys

        try await run(["admin", "create-office", "--data", folder, "--office", "1310100012_43", "--name", "ちよだ居宅"])
        await #expect(throws: (any Error).self) { try await run(["admin", "create-office", "--data", folder, "--office", "1310100012_43", "--name", "dup"]) }
        await #expect(throws: (any Error).self) { try await run(["admin", "create-office", "--data", folder, "--office", "131010001_43", "--name", "x"]) }
        try await run(["admin", "create-user", "--data", folder, "--office", "1310100012_43", "--login", "chiyoda", "--role", "admin", "--password", "long enough password"])
        // The operator links two offices as partners; an unknown office, or an office with itself, is refused.
        try await run(["admin", "create-office", "--data", folder, "--office", "1310100021_11", "--name", "神田ヘルパー"])
        try await run(["admin", "link-partners", "--data", folder, "--office", "1310100012_43", "--partner", "1310100021_11"])
        try await run(["admin", "link-partners", "--data", folder, "--office", "1310100021_11", "--partner", "1310100012_43"])
        await #expect(throws: (any Error).self) { try await run(["admin", "link-partners", "--data", folder, "--office", "1310100012_43", "--partner", "1310100999_11"]) }
        await #expect(throws: (any Error).self) { try await run(["admin", "link-partners", "--data", folder, "--office", "1310100012_43", "--partner", "1310100012_43"]) }
        let linked = try await SQLiteHubStore(path: folder + "/hub.sqlite").partnerships(officeID: 1)
        #expect(linked.map(\.partner.officeID.description) == ["1310100021_11"] && linked.first?.partnership.state == .linked)
        try await run(["admin", "create-token", "--data", folder, "--login", "chiyoda"])

        let store = try SQLiteHubStore(path: folder + "/hub.sqlite")
        let account = try #require(try await store.account(loginName: "chiyoda"))
        #expect(PasswordHasher.verify("long enough password", hash: account.passwordHash))
        let tokens = try await store.credentials(accountID: account.id)
        #expect(tokens.count == 1)
        try await run(["admin", "revoke", "--data", folder, "--id", String(tokens[0].id)])
        #expect(try await store.credentials(accountID: account.id)[0].revokedAt != nil)

        try await run(["audit", "verify", "--data", folder])
        let entries = try await store.auditEntries(from: 1, limit: 100)
        #expect(entries.map(\.action).contains("admin.createToken"))
        #expect(entries.map(\.action).filter { $0 == "admin.linkPartners" }.count == 2)
        try await store._executeForTesting("UPDATE audit SET subject = 'someone else' WHERE sequence = 2")
        await #expect(throws: ExitCode(1)) { try await run(["audit", "verify", "--data", folder]) }
    }

    @Test("receipt verify accepts a genuine receipt and rejects an altered one")
    func receiptVerify() async throws {
        let signer = try ReceiptSigner(base64PrivateKey: ReceiptSigner.generateKey())
        let receipt = try signer.sign(
            ReceiptPayload(event: "accepted", unitID: "u1", sender: "1310100012_43", recipient: "1310100021_11", timestamp: "20250525180000",
                           files: [.init(name: "UPPLAN_x.CSV", sha256: String(repeating: "a", count: 64), size: 10)], time: "2025-05-25T09:00:00Z"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("receipt-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try receipt.json().write(toFile: path, atomically: true, encoding: .utf8)
        var verify = try Careplan.parseAsRoot(["receipt", "verify", path, "--public-key", signer.publicKey]) as! any AsyncParsableCommand
        try await verify.run()

        var altered = receipt
        var payload = try altered.decodedPayload()
        payload.recipient = "1310199999_11"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        altered.payload = try encoder.encode(payload).base64EncodedString()
        try altered.json().write(toFile: path, atomically: true, encoding: .utf8)
        verify = try Careplan.parseAsRoot(["receipt", "verify", path, "--public-key", signer.publicKey]) as! any AsyncParsableCommand
        await #expect(throws: ExitCode(1)) { try await verify.run() }
    }
}
