// CarePlan Link — the Japanese web UI: password login with a session cookie, inbox/outbox pages, download, 取込済.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanHub

/// Form-encoded body.
private func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// A web login as `login`; returns the session cookie pair (`name=value`).
func webLogin(_ client: any TestClientProtocol, _ login: String, _ password: String, landing: String = "/web/inbox") async throws -> String? {
    try await client.execute(uri: "/web/login", method: .post, headers: formHeaders, body: form(["loginName": login, "password": password])) { response in
        guard response.status == .seeOther, let cookie = response.headers[.setCookie] else { return nil }
        #expect(response.headers[.location] == landing)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/web"))
        return String(cookie.split(separator: ";")[0])
    }
}

@Suite("Web UI")
struct WebUITests {
    /// The fixture plus password accounts for the provider and the outsider, and one unit from the care manager.
    private func fixtureWithUnit() async throws -> (HubFixture, String) {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let hash = PasswordHasher.hash("helper password", cost: 4)
        _ = try await fixture.store.createAccount(Account(officeID: fixture.provider.id, loginName: "helper", passwordHash: hash, role: .staff), audit: audit)
        _ = try await fixture.store.createAccount(Account(officeID: fixture.outsider.id, loginName: "outsider", passwordHash: hash, role: .staff), audit: audit)
        let unit = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        return (fixture, unit.id)
    }

    @Test("pages name offices in words and units by what they are; /web leads to the inbox")
    func plainWords() async throws {
        let (fixture, unitID) = try await self.fixtureWithUnit()
        try await fixture.test { client in
            try await client.execute(uri: "/web", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/web/inbox")
            }
            let cookie = try #require(try await webLogin(client, "helper", "helper password"))
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<a href=\"/web/units/\(unitID)\">2025年6月分 サービス利用票・別表</a>"))
                #expect(html.contains("<a class=\"unread\" id=\"unread\" href=\"/web/inbox\">未読 1件</a>"))
                #expect(html.contains("<td>ちよだ居宅（居宅介護支援・\(fixture.careManager.number)）</td>"))
                #expect(!html.contains("居宅②"))
            }
            try await client.execute(uri: "/web/units/\(unitID)", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>2025年6月分 サービス利用票・別表</h1>"))
                #expect(html.contains("ちよだ居宅（居宅介護支援・\(fixture.careManager.number)）") && html.contains("神田ヘルパー（訪問介護・\(fixture.provider.number)）"))
            }
        }
        // Newest first: a second unit arrives and heads the inbox; reading the first leaves one 未読.
        fixture.clock.advance(days: 0.01)
        let second = try await fixture.hub.submit(sampleUnit(.carePlan, second: 3), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "helper", "helper password"))
            let first = try #require(try await fixture.store.listedUnit(id: unitID))
            for file in first.files {
                try await client.execute(uri: "/web/units/\(unitID)/files/\(file.name)", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                let newer = try #require(html.range(of: "/web/units/\(second.id)"))
                let older = try #require(html.range(of: "/web/units/\(unitID)\""))
                #expect(newer.lowerBound < older.lowerBound)
                #expect(html.contains(">未読 1件</a>"))
            }
        }
        let labels = [
            (SamplePattern.carePlan, "居宅サービス計画書（第1〜3表）"), (.results, "2025年6月分 実績"), (.monthlyPlanDeletion, "2025年6月分 サービス利用票の削除"),
            (.preventionPlanWithBasicInfo, "利用者基本情報・介護予防サービス・支援計画書"), (.resultsDeletion, "2025年6月分 実績の削除"),
        ]
        for (pattern, label) in labels {
            let files = sampleUnit(pattern).map { UnitFile(unitID: "u", name: $0.name, sha256: "", size: $0.bytes.count, kind: "") }
            #expect(UnitLabel.text(files) == label, "\(pattern)")
        }
    }

    @Test("a login posted as Chromium posts it (Origin: null with Sec-Fetch-Site: same-origin) is accepted; null from another site is not")
    func chromiumOpaqueOrigin() async throws {
        let (fixture, _) = try await self.fixtureWithUnit()
        try await fixture.test { client in
            let body = form(["loginName": "helper", "password": "helper password"])
            var headers = formHeaders
            headers[.origin] = "null"
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            try await client.execute(uri: "/web/login", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/web/inbox")
            }
            for site in ["cross-site", "same-site", nil] {
                var refused = formHeaders
                refused[.origin] = "null"
                if let site { refused[HTTPField.Name("Sec-Fetch-Site")!] = site }
                try await client.execute(uri: "/web/login", method: .post, headers: refused, body: body) { response in
                    #expect(response.status == .forbidden, "Sec-Fetch-Site \(site ?? "absent")")
                }
            }
        }
    }

    @Test("login page, wrong password, session cookie, inbox shows the unit, logout revokes the session")
    func loginAndInbox() async throws {
        let (fixture, unitID) = try await self.fixtureWithUnit()
        try await fixture.test { client in
            try await client.execute(uri: "/web/inbox", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/web/login")
            }
            try await client.execute(uri: "/web/login", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("<h1>ログイン</h1>"))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/web/login", method: .post, headers: formHeaders, body: form(["loginName": "helper", "password": "wrong"])) { response in
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("ログイン名またはパスワードが違います"))
            }
            let cookie = try #require(try await webLogin(client, "helper", "helper password"))
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("受信一覧") && html.contains("/web/units/\(unitID)") && html.contains("未読"))
                #expect(html.contains("神田ヘルパー"))
                // The test clock's 1,750,000,000 s is 2025-06-15 15:06:40 UTC: offices read Japan time.
                #expect(html.contains("2025/06/16 00:06:40"))
            }
            try await client.execute(uri: "/web/outbox", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!String(buffer: response.body).contains(unitID))
            }
            // The session cookie is not an API credential, and an API token is not a web session.
            try await client.execute(uri: "/api/v1/inbox", method: .get, headers: [.cookie: cookie]) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/web/inbox", method: .get, headers: bearer(fixture.providerToken)) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/web/logout", method: .post, headers: [.cookie: cookie]) { response in #expect(response.status == .seeOther) }
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/web/login")
            }
        }
    }

    @Test("unit page: 未読 → 受信中 → 受信済 by downloading; 取込済 only then, after a confirmation naming the unit; another office gets 404")
    func unitPageDownloadAck() async throws {
        let (fixture, unitID) = try await self.fixtureWithUnit()
        let files = sampleUnit(.monthlyPlan)
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "helper", "helper password"))
            try await client.execute(uri: "/web/units/\(unitID)", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("第6表 サービス利用票（予定）") && html.contains(">未読<"))
                #expect(!html.contains("/web/units/\(unitID)/import") && html.contains("すべてのファイルをダウンロードすると受信済"))
            }
            // 取込済 before every file was downloaded: refused, on the confirmation and on the action.
            try await client.execute(uri: "/web/units/\(unitID)/import", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/web/units/\(unitID)/import", method: .post, headers: [.cookie: cookie]) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("すべてのファイルを受信"))
            }
            for (index, file) in files.enumerated() {
                try await client.execute(uri: "/web/units/\(unitID)/files/\(file.name)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(Array(buffer: response.body) == file.bytes)
                }
                if index == 0 {
                    #expect(try await fixture.store.unit(id: unitID)?.state == .accepted)
                    try await client.execute(uri: "/web/units/\(unitID)", method: .get, headers: [.cookie: cookie]) { response in
                        #expect(String(buffer: response.body).contains("受信中（1/\(files.count)）"))
                    }
                }
            }
            #expect(try await fixture.store.unit(id: unitID)?.state == .downloaded)
            try await client.execute(uri: "/web/units/\(unitID)/import", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("ちよだ居宅") && html.contains("2025年6月分 サービス利用票・別表（居宅②/予防(4) 第6・7表＋補足）") && html.contains(files[0].name) && html.contains("取り消せません"))
                #expect(html.contains("action=\"/web/units/\(unitID)/import\""))
            }
            try await client.execute(
                uri: "/web/units/\(unitID)/import", method: .post, headers: [.cookie: cookie, .origin: "https://evil.example"]
            ) { response in #expect(response.status == .forbidden) }
            #expect(try await fixture.store.unit(id: unitID)?.state == .downloaded)
            try await client.execute(uri: "/web/units/\(unitID)/import", method: .post, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await fixture.store.unit(id: unitID)?.state == .imported)
            let receipts = try await fixture.store.receipts(unitID: unitID)
            #expect(receipts.map(\.event) == [.received, .imported])
            let payload = try ReceiptVerifier.verify(try SignedReceipt(json: receipts[1].receipt), publicKey: fixture.hub.signer.publicKey)
            #expect(payload.event == "imported" && payload.account == "helper" && payload.office == fixture.provider.officeID.description)
            try await client.execute(uri: "/web/units/\(unitID)?imported=1", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("取込済にしました") && html.contains("署名を確認しました") && html.contains("helper"))
            }

            let outsider = try #require(try await webLogin(client, "outsider", "helper password"))
            try await client.execute(uri: "/web/units/\(unitID)", method: .get, headers: [.cookie: outsider]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .notFound && !html.contains(files[0].name))
                // The error page keeps the logged-in office's header and navigation.
                #expect(html.contains("<h1>エラー</h1>") && html.contains("麹町デイ（通所介護・\(fixture.outsider.number)）") && html.contains("<a href=\"/web/outbox\">送信一覧</a>"))
            }
            try await client.execute(uri: "/web/units/\(unitID)/files/\(files[0].name)", method: .get, headers: [.cookie: outsider]) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("sending from the browser: a valid unit lands in the partner's inbox; an invalid one lists its problems and stores nothing")
    func sendFromBrowser() async throws {
        let (fixture, firstUnitID) = try await self.fixtureWithUnit()
        let hash = PasswordHasher.hash("care manager pw", cost: 4)
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.careManager.id, loginName: "cm", passwordHash: hash, role: .staff), audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "cm", "care manager pw"))
            try await client.execute(uri: "/web/send", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("multipart/form-data"))
            }
            var broken = sampleUnit(.carePlan, second: 7)
            let index = try #require(broken.firstIndex { $0.name.hasPrefix("UP1KYO") })
            broken[index].bytes = Array(broken[index].bytes.prefix(30))
            let (invalidHeaders, invalidBody) = multipart(broken)
            var headers = invalidHeaders
            headers[.cookie] = cookie
            try await client.execute(uri: "/web/send", method: .post, headers: headers, body: invalidBody) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("<td class=\"name user\">\(broken[index].name)</td>"))
                #expect(html.contains("何も保存していません"))
            }
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 1)  // the fixture's unit only

            // Excel's dates in every row of the 第1表: one line for the cause, with its count, the first user and the value.
            var excel = sampleUnit(.carePlan, users: 2, second: 6)
            let table1 = try #require(excel.firstIndex { $0.name.hasPrefix("UP1KYO") })
            let records = try #require(try CarePlanDocument.read(bytes: excel[table1].bytes, fileName: excel[table1].name).records as? [CarePlanTable1Record])
            let dates = Set(records.compactMap { $0.certificationDate?.description })
            var edited = try MS932.decode(excel[table1].bytes)
            for date in dates { edited = edited.replacingOccurrences(of: ",\(date),", with: ",\(date.prefix(4))/\(date.dropFirst(4).prefix(2))/\(date.suffix(2)),") }
            excel[table1].bytes = try MS932.encode(edited).bytes
            let firstInsured = records[0].insuredNumber
            let date = try #require(records[0].certificationDate?.description)
            let firstDate = "\(date.prefix(4))/\(date.dropFirst(4).prefix(2))/\(date.suffix(2))"
            let (excelHeaders, excelBody) = multipart(excel)
            headers = excelHeaders
            headers[.cookie] = cookie
            try await client.execute(uri: "/web/send", method: .post, headers: headers, body: excelBody) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(html.components(separatedBy: "<td class=\"number count\" data-label=\"件数\">2</td>").count == 2, "one grouped line for both rows")
                #expect(html.contains("<td class=\"insured\" data-label=\"被保険者番号\">\(firstInsured)</td>"))
                #expect(html.contains("<td class=\"value\" data-label=\"値\"><code>\(firstDate)</code></td>"), "the first row's value, as sent")
                #expect(html.contains("Excel"))
            }
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 1)
            // Nothing of the refused unit's users is kept: the audit entry records the count only.
            let audit = try await fixture.store.auditEntries(from: 0, limit: 1000).map { "\($0.action) \($0.subject)" }.joined(separator: "\n")
            #expect(!audit.contains(firstInsured))

            // A valid unit: first a confirmation naming the recipient, the kind and the users; nothing stored yet.
            let valid = sampleUnit(.carePlan, users: 2, second: 8)
            let (validHeaders, validBody) = multipart(valid)
            headers = validHeaders
            headers[.cookie] = cookie
            let confirmation = try await client.execute(uri: "/web/send", method: .post, headers: headers, body: validBody) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(confirmation.contains("送信内容の確認") && confirmation.contains("神田ヘルパー（訪問介護・\(fixture.provider.number)）"))
            #expect(confirmation.contains("居宅① 第1・2・3表＋補足") && confirmation.contains("<dd id=\"users\">2人</dd>"))
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 1)
            // The browser posts the confirmation's hidden fields back.
            let fields = hiddenFields(confirmation)
            #expect(fields.filter { $0.name == "encoded" }.count == valid.count && fields.contains { $0 == ("confirm", "1") })
            let (confirmHeaders, confirmBody) = multipart([], fields: fields)
            headers = confirmHeaders
            headers[.cookie] = cookie
            let location = try await client.execute(uri: "/web/send", method: .post, headers: headers, body: confirmBody) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            // The stored files are the chosen ones, byte for byte.
            let stored = try #require(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).first { location.contains($0.unit.id) })
            #expect(stored.files.map(\.sha256) == valid.sorted { $0.name < $1.name }.map { HexDigest.sha256($0.bytes) })
            #expect(location.hasPrefix("/web/units/") && location.hasSuffix("?sent=1"))
            let inbox = try await fixture.store.inbox(officeID: fixture.provider.id, after: nil, states: nil, limit: 10)
            // (The test clock stands still, so both units share a time and list in id order.)
            #expect(inbox.count == 2 && inbox.contains { $0.unit.id != firstUnitID && location.contains($0.unit.id) })
            try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body).contains("送信しました"))
            }
        }
    }

    @Test("the sender: a warning before expiry, 取り下げ after a confirmation, and after expiry what happened with 「もう一度送る」")
    func senderActions() async throws {
        let (fixture, unitID) = try await self.fixtureWithUnit()
        let hash = PasswordHasher.hash("care manager pw", cost: 4)
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.careManager.id, loginName: "cm", passwordHash: hash, role: .staff), audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        let second = try await fixture.hub.submit(sampleUnit(.carePlan, second: 5), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            let cm = try #require(try await webLogin(client, "cm", "care manager pw"))
            let helper = try #require(try await webLogin(client, "helper", "helper password"))
            let outsider = try #require(try await webLogin(client, "outsider", "helper password"))
            // Only the sender may withdraw or re-send, only the recipient report the import; others get 404.
            for (path, cookie) in [("withdraw", helper), ("withdraw", outsider), ("resend", helper), ("resend", outsider), ("import", cm), ("import", outsider)] {
                try await client.execute(uri: "/web/units/\(unitID)/\(path)", method: .post, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
            try await client.execute(uri: "/web/units/\(unitID)/withdraw", method: .get, headers: [.cookie: cm]) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("神田ヘルパー（訪問介護・\(fixture.provider.number)）") && html.contains("送信先の受信一覧から消え"))
            }
            try await client.execute(uri: "/web/units/\(unitID)/withdraw", method: .post, headers: [.cookie: cm]) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await fixture.store.unit(id: unitID)?.state == .withdrawn)
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: helper]) { response in
                #expect(!String(buffer: response.body).contains(unitID))
            }
            try await client.execute(uri: "/web/units/\(unitID)", method: .get, headers: [.cookie: cm]) { response in
                #expect(String(buffer: response.body).contains("取り下げました。ファイルはハブから削除"))
            }

            // 28 days on, the other unit is about to expire: the sender is told (after logging in again).
            fixture.clock.advance(days: 28)
            let cmLater = try #require(try await webLogin(client, "cm", "care manager pw"))
            try await client.execute(uri: "/web/outbox", method: .get, headers: [.cookie: cmLater]) { response in
                #expect(String(buffer: response.body).contains("<span class=\"warning\">期限 "))
            }
            try await client.execute(uri: "/web/units/\(second.id)", method: .get, headers: [.cookie: cmLater]) { response in
                #expect(String(buffer: response.body).contains("までに受信されないと期限切れになります"))
            }
            fixture.clock.advance(days: 3)
            _ = try await fixture.hub.applyRetention()
            let cmAfter = try #require(try await webLogin(client, "cm", "care manager pw"))
            let helperAfter = try #require(try await webLogin(client, "helper", "helper password"))
            try await client.execute(uri: "/web/units/\(second.id)", method: .get, headers: [.cookie: cmAfter]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("期限切れになりました") && html.contains("action=\"/web/units/\(second.id)/resend\""))
            }
            // The recipient cannot download an expired unit's files.
            try await client.execute(uri: "/web/units/\(second.id)", method: .get, headers: [.cookie: helperAfter]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("期限切れ") && !html.contains("/web/units/\(second.id)/files/"))
            }
            let location = try await client.execute(uri: "/web/units/\(second.id)/resend", method: .post, headers: [.cookie: cmAfter]) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?sent=1") && !location.contains(second.id))
            try await client.execute(uri: location, method: .get, headers: [.cookie: cmAfter]) { response in
                #expect(String(buffer: response.body).contains("href=\"/web/units/\(second.id)\""))
            }
        }
    }

    @Test("names from the database are escaped in pages")
    func escapesNames() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let office = try await fixture.store.createOffice(Office(number: "1310100070", serviceType: "15", name: "<script>alert(1)</script>"), audit: audit)
        _ = try await fixture.store.createAccount(
            Account(officeID: office.id, loginName: "mallory", passwordHash: PasswordHasher.hash("mallory password", cost: 4), role: .staff), audit: audit)
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "mallory", "mallory password"))
            try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("<script>alert(1)</script>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
    }
}
