// CarePlan Link — the forms on the hub: the print view of a unit (予定 with the partner's 実績 of the month), its PDF,
// the 送付状 and 受領書, who may open them, and what a hub without the PDF engine says.
import CarePlanCSV
import CarePlanForms
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanHub

@Suite("Forms on the hub")
struct FormsWebTests {
    static let month = YearMonth(year: 2025, month: 6)!

    /// A 第6表 unit from the care manager to the provider and the provider's 実績 of the same month back; web
    /// accounts `cm`, `helper` and `outsider`.
    private func fixture(printer: PDFPrinter = .find()) async throws -> (HubFixture, plan: String, results: String) {
        let fixture = try await HubFixture.make(pdfPrinter: printer)
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let hash = PasswordHasher.hash("forms password", cost: 4)
        for (login, office) in [("cm", fixture.careManager), ("helper", fixture.provider), ("outsider", fixture.outsider)] {
            _ = try await fixture.store.createAccount(Account(officeID: office.id, loginName: login, passwordHash: hash, role: .staff), audit: audit)
        }
        let plan = try await fixture.hub.submit(sampleUnit(.monthlyPlan, month: Self.month), from: fixture.careManager, actor: "test")
        let results = try await fixture.hub.submit(sampleUnit(.results, second: 5, month: Self.month), from: fixture.provider, actor: "test")
        return (fixture, plan.id, results.id)
    }

    private func get(_ client: any TestClientProtocol, _ uri: String, cookie: String?) async throws -> (HTTPResponse.Status, HTTPFields, ByteBuffer) {
        try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:]) { ($0.status, $0.headers, $0.body) }
    }

    @Test("the provider opens the received 第6表 as forms: 予定 beside its own 実績, the unit becomes 受信済, the page is locked down")
    func recipientPrintView() async throws {
        let (fixture, plan, results) = try await self.fixture()
        try await fixture.test { client in
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            let (_, _, unitPage) = try await self.get(client, "/web/units/\(plan)", cookie: helper)
            #expect(String(buffer: unitPage).contains("/web/units/\(plan)/forms\""))
            #expect(String(buffer: unitPage).contains("帳票を開くとファイルを受信したことになり"))
            let (status, headers, body) = try await self.get(client, "/web/units/\(plan)/forms", cookie: helper)
            #expect(status == .ok)
            let html = String(buffer: body)
            #expect(html.contains("data-form=\"service-use\"") && html.contains("data-form=\"annex\""))
            #expect(html.contains("令和7年6月分　予定・実績"))
            #expect(html.contains("<span class=\"note\" id=\"counterpart\">実績は <a href=\"/web/units/\(results)\">"))
            #expect(html.contains("<button type=\"button\" id=\"print\">印刷</button>") && html.contains("<script src=\"/web/assets/print.js\"></script>"))
            // The 実績 lines are filled from the provider's own 実績 unit: the last Thursday is marked as differing.
            #expect(html.contains("class=\"differs\""))
            for user in SampleFactory(month: Self.month, userCount: 2).users { #expect(html.contains(user.insuredNumber)) }
            let policy = try #require(headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("img-src data:") && policy.contains("script-src 'self'"))
            #expect(headers[.cacheControl] == "no-store")
            let unit = try #require(try await fixture.store.unit(id: plan))
            #expect(unit.state == .downloaded)
            // The provider's own 実績 unit is not changed by being read back.
            #expect(try await fixture.store.unit(id: results)?.state == .accepted)
            let (scriptStatus, scriptHeaders, script) = try await self.get(client, "/web/assets/print.js", cookie: helper)
            #expect(scriptStatus == .ok && scriptHeaders[.contentType]?.hasPrefix("text/javascript") == true && String(buffer: script).contains("window.print()"))
        }
    }

    @Test("the care manager opens the sent 第6表: the unread 実績 is offered, not read; added on request it is received; ?user= picks one")
    func senderPrintView() async throws {
        let (fixture, plan, results) = try await self.fixture()
        let users = SampleFactory(month: Self.month, userCount: 2).users
        try await fixture.test { client in
            let cm = try #require(try await webLogin(client, "cm", "forms password"))
            let (status, _, body) = try await self.get(client, "/web/units/\(plan)/forms", cookie: cm)
            #expect(status == .ok)
            let offered = String(buffer: body)
            #expect(offered.contains("id=\"counterpart-offer\"") && offered.contains("/web/units/\(plan)/forms?with=\(results)"))
            #expect(!offered.contains("id=\"counterpart\"") && !offered.contains("class=\"differs\""))
            // Opening one's own unit does not receive the partner's; a `with` that is not the partner's unit adds nothing.
            #expect(try await fixture.store.unit(id: results)?.state == .accepted)
            for wrong in [plan, "nope", ""] {
                let (_, _, page) = try await self.get(client, "/web/units/\(plan)/forms?with=\(wrong)", cookie: cm)
                #expect(String(buffer: page).contains("id=\"counterpart-offer\""), "with=\(wrong)")
            }
            #expect(try await fixture.store.unit(id: results)?.state == .accepted)
            let (_, _, added) = try await self.get(client, "/web/units/\(plan)/forms?with=\(results)", cookie: cm)
            #expect(String(buffer: added).contains("id=\"counterpart\"") && String(buffer: added).contains("class=\"differs\""))
            #expect(try await fixture.store.unit(id: results)?.state == .downloaded)
            #expect(try await fixture.store.unit(id: plan)?.state == .accepted)
            // Received now: added without asking.
            let (_, _, again) = try await self.get(client, "/web/units/\(plan)/forms", cookie: cm)
            #expect(String(buffer: again).contains("id=\"counterpart\""))
            let key = "\(users[1].insurerNumber)-\(users[1].insuredNumber)"
            let (_, _, one) = try await self.get(client, "/web/units/\(plan)/forms?user=\(key)", cookie: cm)
            let html = String(buffer: one)
            #expect(html.contains("id=\"user-\(key)\""))
            #expect(!html.contains("id=\"user-\(users[0].insurerNumber)-\(users[0].insuredNumber)\""))
            let (unknown, _, _) = try await self.get(client, "/web/units/\(plan)/forms?user=%22%3E%3Cscript%3E", cookie: cm)
            #expect(unknown == .notFound)
        }
    }

    @Test("the provider adds the care manager's unread 第6表 to its 実績: the whole unit is read and becomes 受信済")
    func providerAddsPlan() async throws {
        let (fixture, plan, results) = try await self.fixture()
        try await fixture.test { client in
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            let (_, _, first) = try await self.get(client, "/web/units/\(results)/forms", cookie: helper)
            #expect(String(buffer: first).contains("id=\"counterpart-offer\"") && String(buffer: first).contains("同じ月の予定"))
            #expect(try await fixture.store.unit(id: plan)?.state == .accepted)
            let (_, _, added) = try await self.get(client, "/web/units/\(results)/forms?with=\(plan)", cookie: helper)
            let html = String(buffer: added)
            #expect(html.contains("予定は <a href=\"/web/units/\(plan)\">"))
            #expect(html.contains("令和7年6月分　予定・実績") && html.contains("class=\"differs\""))
            // Only the 第6表 and 補足 join the 実績's forms; the 第7表 was read (received) but is not shown here.
            #expect(!html.contains("data-form=\"annex\""))
            let after = try #require(try await fixture.store.listedUnit(id: plan))
            #expect(after.unit.state == .downloaded && after.files.allSatisfy { $0.downloadedAt != nil })
        }
    }

    @Test("the unit's files as one ZIP: every file byte for byte; the recipient's download makes the unit 受信済; others get 404")
    func zipDownload() async throws {
        let (fixture, plan, _) = try await self.fixture()
        let files = sampleUnit(.monthlyPlan, month: Self.month)
        try await fixture.test { client in
            let outsider = try #require(try await webLogin(client, "outsider", "forms password"))
            let (refused, _, _) = try await self.get(client, "/web/units/\(plan)/files.zip", cookie: outsider)
            #expect(refused == .notFound)
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            let (_, _, page) = try await self.get(client, "/web/units/\(plan)", cookie: helper)
            #expect(String(buffer: page).contains("<a id=\"zip\" href=\"/web/units/\(plan)/files.zip\">"))
            let (status, headers, body) = try await self.get(client, "/web/units/\(plan)/files.zip", cookie: helper)
            #expect(status == .ok && headers[.contentType] == "application/zip")
            let archive = try Archive(data: Data(Array(buffer: body)), accessMode: .read)
            var unpacked: [String: [UInt8]] = [:]
            for entry in archive {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                unpacked[entry.path] = Array(data)
            }
            #expect(unpacked.count == files.count)
            for file in files { #expect(unpacked[file.name] == file.bytes, "\(file.name)") }
        }
        #expect(try await fixture.store.unit(id: plan)?.state == .downloaded)
    }

    @Test("a malformed ?user= is refused before anything is read")
    func malformedUser() async throws {
        let (fixture, plan, _) = try await self.fixture()
        try await fixture.test { client in
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            for user in ["%22%3E%3Cscript%3E", "131011", "a-b-c", "131011-0001000000x1"] {
                let (status, _, _) = try await self.get(client, "/web/units/\(plan)/forms?user=\(user)", cookie: helper)
                #expect(status == .notFound, "\(user)")
            }
            #expect(try await fixture.store.unit(id: plan)?.state == .accepted)
        }
    }

    @Test("the partner's newest live 実績 of the month is used, a third office's is not, and only this unit's users are shown")
    func newestCounterpart() async throws {
        let (fixture, plan, older) = try await self.fixture()
        fixture.clock.advance(days: 1)
        // A newer 実績 for three users (one not in the plan); then a 実績 of another office to the same care manager.
        let newer = try await fixture.hub.submit(sampleUnit(.results, users: 3, second: 7, month: Self.month), from: fixture.provider, actor: "test")
        fixture.clock.advance(days: 1)
        var other = sampleUnit(.results, users: 2, second: 9, month: Self.month)
        other = other.map { file in
            (file.name.replacingOccurrences(of: SampleOffices.homeHelp.number + "_11", with: SampleOffices.dayService.number + "_15"), file.bytes)
        }
        try await link(fixture.outsider, fixture.careManager, store: fixture.store)
        let elsewhere = try await fixture.hub.submit(other, from: fixture.outsider, actor: "test")
        let third = SampleFactory(month: Self.month, userCount: 3).users.sorted { $0.insuredNumber < $1.insuredNumber }
        let planUsers = Set(SampleFactory(month: Self.month, userCount: 2).users.map(\.insuredNumber))
        try await fixture.test { client in
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            let (_, _, body) = try await self.get(client, "/web/units/\(plan)/forms", cookie: helper)
            let html = String(buffer: body)
            #expect(html.contains("<a href=\"/web/units/\(newer.id)\">"))
            #expect(!html.contains("/web/units/\(older)\"") && !html.contains(elsewhere.id))
            #expect(FormsWebTests.count("<div class=\"user\"", in: html) == planUsers.count)
            for user in third where !planUsers.contains(user.insuredNumber) { #expect(!html.contains(user.insuredNumber)) }
        }
    }

    @Test("another office, no session, and a withdrawn unit's recipient get nothing of the forms or sheets", arguments: [
        "forms", "forms.pdf", "cover", "cover.pdf", "receipt-sheet", "receipt-sheet.pdf",
    ])
    func authorization(_ path: String) async throws {
        let (fixture, plan, _) = try await self.fixture(printer: PDFPrinter(executable: nil))
        let insured = SampleFactory(month: Self.month, userCount: 2).users[0].insuredNumber
        try await fixture.test { client in
            let outsider = try #require(try await webLogin(client, "outsider", "forms password"))
            let (status, _, body) = try await self.get(client, "/web/units/\(plan)/\(path)", cookie: outsider)
            #expect(status == .notFound)
            #expect(!String(buffer: body).contains(insured))
            let (anonymous, _, anonymousBody) = try await self.get(client, "/web/units/\(plan)/\(path)", cookie: nil)
            #expect(anonymous == .seeOther || anonymous == .unauthorized)
            #expect(!String(buffer: anonymousBody).contains(insured))
            let cm = try #require(try await webLogin(client, "cm", "forms password"))
            // The sender may (the PDF routes say the engine is missing on this hub).
            let (own, _, _) = try await self.get(client, "/web/units/\(plan)/\(path)", cookie: cm)
            #expect(own == (path.hasSuffix(".pdf") ? .serviceUnavailable : .ok))
            try await client.execute(uri: "/web/units/\(plan)/withdraw", method: .post, headers: [.cookie: cm]) { #expect($0.status == .seeOther) }
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            let (withdrawn, _, _) = try await self.get(client, "/web/units/\(plan)/\(path)", cookie: helper)
            #expect(withdrawn == .notFound)
        }
        // Nothing the outsider asked for was handed out.
        #expect(try await fixture.store.unit(id: plan)?.state == .withdrawn)
    }

    @Test("without the PDF engine: the unit page says why, the print view still works, the PDF route answers 503 with the reason")
    func withoutEngine() async throws {
        let (fixture, plan, _) = try await self.fixture(printer: PDFPrinter(executable: nil))
        try await fixture.test { client in
            let cm = try #require(try await webLogin(client, "cm", "forms password"))
            let (_, _, page) = try await self.get(client, "/web/units/\(plan)", cookie: cm)
            let html = String(buffer: page)
            #expect(html.contains("id=\"pdf-unavailable\"") && html.contains("chromium"))
            #expect(!html.contains("/forms.pdf") && !html.contains("/cover.pdf"))
            let (status, _, _) = try await self.get(client, "/web/units/\(plan)/forms", cookie: cm)
            #expect(status == .ok)
            let (pdf, _, body) = try await self.get(client, "/web/units/\(plan)/forms.pdf", cookie: cm)
            #expect(pdf == .serviceUnavailable)
            #expect(String(buffer: body).contains("PDF を作るブラウザ（chromium）がこのコンピューターにありません"))
        }
    }

    @Test("送付状 and 受領書: both offices, the users, every file with its full SHA-256, and each signed receipt")
    func sheets() async throws {
        let (fixture, plan, _) = try await self.fixture(printer: PDFPrinter(executable: nil))
        let listed = try #require(try await fixture.store.listedUnit(id: plan))
        let users = SampleFactory(month: Self.month, userCount: 2).users
        try await fixture.test { client in
            let helper = try #require(try await webLogin(client, "helper", "forms password"))
            // Before receiving, the sheets name no user and receive nothing.
            let (_, _, early) = try await self.get(client, "/web/units/\(plan)/cover", cookie: helper)
            #expect(String(buffer: early).contains("受信前のため表示していません"))
            for user in users { #expect(!String(buffer: early).contains(user.insuredNumber)) }
            #expect(try await fixture.store.unit(id: plan)?.state == .accepted)
            let (_, _, _) = try await self.get(client, "/web/units/\(plan)/forms", cookie: helper)
            #expect(try await fixture.store.unit(id: plan)?.state == .downloaded)
            let (_, _, cover) = try await self.get(client, "/web/units/\(plan)/cover", cookie: helper)
            let coverHTML = String(buffer: cover)
            #expect(coverHTML.contains("<h1>送付状</h1>") && coverHTML.contains("神田ヘルパー</span> 御中") && coverHTML.contains("ちよだ居宅"))
            #expect(coverHTML.contains("令和7年6月"))
            for file in listed.files { #expect(coverHTML.contains(file.sha256) && coverHTML.contains(file.name)) }
            for user in users { #expect(coverHTML.contains(user.insuredNumber) && coverHTML.contains(user.name)) }
            let (_, _, receipt) = try await self.get(client, "/web/units/\(plan)/receipt-sheet", cookie: helper)
            let receiptHTML = String(buffer: receipt)
            #expect(receiptHTML.contains("<h1>受領書</h1>"))
            #expect(receiptHTML.contains("<td>受付</td>") && receiptHTML.contains("<td>受信</td>"))
            #expect(FormsWebTests.count("確認済", in: receiptHTML) == 2)
            let signatures = try await fixture.store.receipts(unitID: plan).map { try SignedReceipt(json: $0.receipt).signature }
            #expect(signatures.count == 1)
            for signature in signatures + [try SignedReceipt(json: listed.unit.acceptanceReceipt).signature] { #expect(receiptHTML.contains(signature)) }
            #expect(receiptHTML.contains(fixture.hub.signer.publicKey))
        }
    }

    @Test(
        "the unit's forms and 送付状 as PDF from the hub: Chromium's PDF with the users' numbers in its text",
        .enabled(if: PDFPrinter.find().executable != nil || ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_BROWSER"] == "1"))
    func pdfDownloads() async throws {
        let (fixture, plan, _) = try await self.fixture()
        let users = SampleFactory(month: Self.month, userCount: 2).users
        try await fixture.test { client in
            let cm = try #require(try await webLogin(client, "cm", "forms password"))
            for (path, expected) in [("forms.pdf", "サービス利用票"), ("cover.pdf", "送付状"), ("receipt-sheet.pdf", "受領書")] {
                let (status, headers, body) = try await self.get(client, "/web/units/\(plan)/\(path)", cookie: cm)
                #expect(status == .ok, "\(path)")
                #expect(headers[.contentType] == "application/pdf" && headers[.contentDisposition]?.contains(".pdf") == true)
                let pdf = Array(buffer: body)
                #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8), "\(path): \(String(decoding: pdf.prefix(300), as: UTF8.self))")
                let text = try Self.pdfText(pdf)
                #expect(text.contains(expected), "\(path)")
                for user in users { #expect(text.contains(user.insuredNumber), "\(path)") }
            }
        }
    }

    /// The text of a PDF, by poppler's pdftotext.
    static func pdfText(_ pdf: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func count(_ needle: String, in haystack: String) -> Int { haystack.components(separatedBy: needle).count - 1 }
}
