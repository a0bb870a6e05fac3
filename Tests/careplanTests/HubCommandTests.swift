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

@Suite("careplan admin: authorities and usage periods")
struct AuthorityAndLicenceCommandTests {
    @Test("create-authority and a municipality login; licence add, list and remove; bad input refused")
    func authoritiesAndLicences() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-admin-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["admin", "init", "--data", folder])
        try await run(["admin", "create-authority", "--data", folder, "--kind", "municipality", "--code", "131016", "--name", "千代田区"])
        await #expect(throws: (any Error).self) { try await run(["admin", "create-authority", "--data", folder, "--code", "131016", "--name", "again"]) }
        await #expect(throws: (any Error).self) { try await run(["admin", "create-authority", "--data", folder, "--code", "99001", "--name", "x"]) }
        try await run(["admin", "create-user", "--data", folder, "--role", "municipality", "--authority", "131016", "--login", "city", "--password", "long enough password"])
        await #expect(throws: (any Error).self) {
            try await run(["admin", "create-user", "--data", folder, "--role", "prefecture", "--authority", "13", "--login", "pref", "--password", "long enough password"])
        }
        let store = try SQLiteHubStore(path: folder + "/hub.sqlite")
        let city = try #require(try await store.account(loginName: "city"))
        #expect(city.role == .municipality && city.officeID == nil && city.authorityID != nil)

        try await run(["admin", "create-office", "--data", folder, "--office", "1310100012_43", "--name", "ちよだ居宅"])
        try await run(["admin", "licence", "add", "--data", folder, "--office", "1310100012_43", "--kind", "trial", "--from", "2026-12-01", "--until", "2026-12-31"])
        await #expect(throws: (any Error).self) {
            try await run(["admin", "licence", "add", "--data", folder, "--office", "1310100012_43", "--kind", "paid", "--from", "2026-12-31", "--until", "2026-12-01"])
        }
        await #expect(throws: (any Error).self) {
            try await run(["admin", "licence", "add", "--data", folder, "--office", "1310100012_43", "--kind", "paid", "--from", "2026-02-30", "--until", "2026-03-31"])
        }
        let periods = try await store.usagePeriods()
        #expect(periods.count == 1 && periods[0].kind == .trial)
        // The last day is included: the period ends at 2027-01-01 00:00 Japan time.
        #expect(periods[0].startsAt == 1_796_050_800 && periods[0].endsAt == 1_796_050_800 + 31 * 86_400)
        #expect(try await store.usagePeriodLines() == ["\(periods[0].id)\t1310100012_43 ちよだ居宅\ttrial\t2026-12-01\t2026-12-31\t"])
        try await run(["admin", "licence", "remove", "--data", folder, "--id", String(periods[0].id)])
        await #expect(throws: (any Error).self) { try await run(["admin", "licence", "remove", "--data", folder, "--id", String(periods[0].id)]) }
        #expect(try await store.usagePeriods().isEmpty)
        let actions = try await store.auditEntries(from: 1, limit: 50).map(\.action)
        #expect(actions.contains("admin.createAuthority") && actions.contains("licence.add") && actions.contains("licence.remove"))
    }
}
