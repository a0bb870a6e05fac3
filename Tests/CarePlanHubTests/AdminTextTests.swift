// CarePlan Link — what `careplan admin list`, `admin create-office`, `audit verify`, `receipt verify` and `demo` print,
// now that the libraries say it.
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Testing

@testable import CarePlanHub

@Suite("Admin and report text")
struct AdminTextTests {
    @Test("registering an office audits it; the listings name offices, users and an account's tokens with their state")
    func listings() async throws {
        let fixture = try await HubFixture.make()
        let office = try await fixture.store.registerOffice(try #require(OfficeID(parsing: "1310100047_15")), name: "麹町デイ", actor: "cli:test")
        #expect(office.officeID.description == "1310100047_15" && office.id > 0)
        let audit = try await fixture.store.auditEntries(from: 1, limit: 1_000).last
        #expect(audit?.action == "admin.createOffice" && audit?.subject == "1310100047_15" && audit?.actor == "cli:test")

        let offices = try #require(try await fixture.store.adminListing(.offices, at: fixture.clock.now))
        #expect(offices.contains("\(office.id)\t1310100047_15\t麹町デイ\t"))
        let users = try #require(try await fixture.store.adminListing(.users, at: fixture.clock.now))
        #expect(users.count == (try await fixture.store.accounts(officeID: nil)).count)
        let account = try #require(try await fixture.store.accounts(officeID: fixture.careManager.id).first)
        let tokens = try #require(try await fixture.store.adminListing(.tokens, login: account.loginName, at: fixture.clock.now))
        #expect(!tokens.isEmpty && tokens.allSatisfy { $0.hasSuffix("\tactive") })
        // Long after: every token has run out.
        let later = try #require(try await fixture.store.adminListing(.tokens, login: account.loginName, at: fixture.clock.now + 1e9))
        #expect(later.allSatisfy { $0.hasSuffix("\texpired") })
        #expect(try await fixture.store.adminListing(.tokens, login: "nobody", at: 0) == nil)
    }

    @Test("the audit report's verdict, a verified receipt's lines, and the demo's address and banner")
    func reports() {
        var report = AuditVerifier.Report()
        report.entries = 3
        report.head = AuditPosition(sequence: 3, hash: "h")
        report.anchorsChecked = 2
        #expect(report.lines == ["監査ログは完全です（3件、署名済みの点 2件と一致） / audit log intact (3 entries, sequence 3; 2 signed points match)"])
        report.anchorProblems = ["checkpoint 2: hash differs"]
        #expect(report.lines.first == "NG checkpoint 2: hash differs" && report.lines.last?.contains("NOT intact") == true)

        let payload = ReceiptPayload(
            event: "accepted", unitID: "u1", sender: "1310100012_43", recipient: "1310100021_11", timestamp: "20250525180000",
            files: [.init(name: "UPPLAN_a.CSV", sha256: "abc", size: 10)], time: "2025-05-25T09:00:00Z")
        #expect(payload.lines == ["有効な受領証です / valid receipt: accepted u1 1310100012_43 → 1310100021_11 @ 2025-05-25T09:00:00Z", "  UPPLAN_a.CSV  10 bytes  sha256 abc"])

        #expect(HubDemo.loginURL(host: "0.0.0.0", port: 8080) == "http://127.0.0.1:8080/web/login")
        #expect(HubDemo.loginURL(host: "127.0.0.2", port: 9) == "http://127.0.0.2:9/web/login")
        #expect(HubDemo.banner(url: "u").contains(HubDemo.password))
    }
}
