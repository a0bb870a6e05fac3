// CarePlan Link — accounts and client certificates as administrators create them (`careplan admin`).
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Testing

@testable import CarePlanHub

@Suite("Account administration")
struct AccountAdminTests {
    @Test("an account gets a bcrypt hash, its office and an audit entry; short passwords and unknown offices are refused")
    func createAccount() async throws {
        let fixture = try await HubFixture.make()
        let account = try await fixture.store.createAccount(
            loginName: "chiyoda", role: .admin, password: "long enough password", office: SampleOffices.careManager, actor: "cli:test")
        #expect(account.officeID == fixture.careManager.id && account.role == .admin)
        #expect(PasswordHasher.verify("long enough password", hash: account.passwordHash))
        let audit = try await fixture.store.auditEntries(from: 1, limit: 100).last
        #expect(audit?.action == "admin.createUser" && audit?.subject == "chiyoda" && audit?.office == "1310100012_43" && audit?.actor == "cli:test")

        let operatorAccount = try await fixture.store.createAccount(
            loginName: "operator", role: .hubOperator, password: "long enough password", office: SampleOffices.careManager, actor: "cli:test")
        #expect(operatorAccount.officeID == nil)

        await #expect(throws: AccountAdminError.self) {
            try await fixture.store.createAccount(loginName: "short", role: .staff, password: "123456789", office: SampleOffices.careManager, actor: "t")
        }
        await #expect(throws: AccountAdminError.self) {
            try await fixture.store.createAccount(
                loginName: "nowhere", role: .staff, password: "long enough password", office: OfficeID(number: "1310199999", serviceType: "43"), actor: "t")
        }
        #expect(try await fixture.store.account(loginName: "short") == nil)
        await #expect(throws: AccountAdminError.self) { try await fixture.store.account(named: "nobody") }
    }

    @Test("a client certificate for an office account is written with the CA, the key owner-only; not for the operator")
    func certificateFiles() async throws {
        let fixture = try await HubFixture.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-certs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await fixture.store.createAccount(loginName: "cm", role: .staff, password: "long enough password", office: SampleOffices.careManager, actor: "t")
        let files = try await fixture.hub.issueClientCertificate(loginName: "cm", days: 30, actor: "cli:test", writingTo: folder)
        #expect(files.certificatePath == folder + "/cm.crt.pem" && files.privateKeyPath == folder + "/cm.key.pem")
        #expect(files.office.id == fixture.careManager.id && files.credential.kind == .certificate)
        let mode = try FileManager.default.attributesOfItem(atPath: files.privateKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let caFile = try String(contentsOfFile: folder + "/hub-ca.pem", encoding: .utf8)
        #expect(caFile.trimmingCharacters(in: .whitespacesAndNewlines) == (try fixture.hub.certificateAuthority!.certificatePEM).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(files.credential.expiresAt - Date().timeIntervalSince1970 < 31 * 86_400)  // the CA reads the real clock

        _ = try await fixture.store.createAccount(loginName: "op", role: .hubOperator, password: "long enough password", office: nil, actor: "t")
        await #expect(throws: AccountAdminError.self) { try await fixture.hub.issueClientCertificate(loginName: "op", days: nil, actor: "t", writingTo: folder) }
        await #expect(throws: AccountAdminError.self) { try await fixture.hub.issueClientCertificate(loginName: "nobody", days: nil, actor: "t", writingTo: folder) }
    }
}
