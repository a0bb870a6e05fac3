// CarePlan Link — the hub operator's pages: offices, accounts, health and the audit log; only the operator, and
// never a file's contents or a user.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanHubStore

@testable import CarePlanHub

@Suite("Operator pages")
struct OperatorPagesTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.get, "/web/operator/offices"), (.get, "/web/operator/accounts"), (.post, "/web/operator/accounts/1/reset-password"),
        (.get, "/web/operator/health"), (.post, "/web/operator/health/verify"), (.get, "/web/operator/audit"),
    ]

    @Test("only the operator: no session goes to the login page, an office's administrator, a municipality and a prefecture get 403")
    func authorization() async throws {
        try await SeededRegion.test { client in
            for (method, path) in Self.routes {
                let anonymous = try await client.execute(uri: path, method: method) { $0 }
                #expect(anonymous.status == .seeOther || anonymous.status == .unauthorized, "\(method) \(path)")
                for (login, landing) in [("cm", "/web/inbox"), (HubDemo.cityLogin, "/web/region"), (HubDemo.prefectureLogin, "/web/region")] {
                    let cookie = try #require(try await webLogin(client, login, HubDemo.password, landing: landing))
                    #expect(try await client.execute(uri: path, method: method, headers: [.cookie: cookie]) { $0.status } == .forbidden, "\(login) \(method) \(path)")
                }
            }
        }
    }

    @Test("the offices page: counts and standing per office, no user and no file; the search narrows it")
    func offices() async throws {
        let hub = try await SeededRegion.hub()
        let cm1 = try #require(try await hub.store.office(number: HubDemo.regionCareManagers[0].id.number, serviceType: "43"))
        // Counted another way than the page does: the office's own listings, by acceptance time, withdrawn ones left out.
        let since = SeededRegion.now - 30 * 86_400
        let outbox = try await hub.store.outbox(officeID: cm1.id, after: nil, limit: 10_000)
        let inbox = try await hub.store.inbox(officeID: cm1.id, after: nil, states: nil, limit: 10_000)
        let sent = outbox.filter { $0.unit.createdAt >= since && $0.unit.state != .withdrawn }.count
        let addressed = inbox.filter { $0.unit.createdAt >= since && $0.unit.state != .withdrawn }.count
        let accounts = try await hub.store.accounts(officeID: cm1.id).count
        let partners = try await hub.store.partnerships(officeID: cm1.id).count { $0.partnership.state == .linked }
        #expect(sent > 0 && addressed > 0 && accounts == 1 && partners > 0)
        try await SeededRegion.test { client in
            let cookie = try #require(try await webLogin(client, HubDemo.operatorLogin, HubDemo.password, landing: "/web/operator/licences"))
            let html = try await client.execute(uri: "/web/operator/offices", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let row = try #require(html.firstMatch(of: /<tr data-office="1399900101_43">(.*?)<\/tr>/)?.1)
            #expect(row.contains(HubDemo.regionCareManagers[0].name) && row.contains("data-label=\"送信（30日）\">\(sent)</td>"))
            #expect(row.contains("data-label=\"宛て（30日）\">\(addressed)</td>") && row.contains("data-label=\"アカウント\">\(accounts)</td>"))
            #expect(row.contains("data-label=\"連携先\">\(partners)</td>") && row.contains("期間の定めなし"))
            let users = SampleFactory(month: YearMonth(year: 2026, month: 11)!, userCount: 3).users
            for user in users { #expect(!html.contains(user.insuredNumber) && !html.contains(user.name), "\(user.name)") }
            #expect(!html.contains(".CSV") && !html.contains("UPPLAN"))
            let narrowed = try await client.execute(uri: "/web/operator/offices?q=%E3%81%95%E3%81%8F%E3%82%89%E5%B1%85%E5%AE%85", method: .get, headers: [.cookie: cookie]) {
                String(buffer: $0.body)
            }
            #expect(narrowed.matches(of: /<tr data-office=/).count == 1 && narrowed.contains("1399900101_43"))
        }
    }

    @Test("a password reset: the new one works once and must be changed, the old one and the account's sessions end; the operator's own is refused")
    func passwordReset() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let operatorAccount = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("a-password-1", cost: 4), role: .hubOperator), audit: audit)
        try await fixture.passwordAccount("helper", "helper-password-1")
        let helper = try await fixture.store.account(named: "helper")
        try await fixture.test { client in
            let session = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let cookie = try #require(try await webLogin(client, "operator", "a-password-1", landing: "/web/operator/licences"))
            let list = try await client.execute(uri: "/web/operator/accounts", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(list.contains("/web/operator/accounts/\(helper.id)/reset-password") && !list.contains("/web/operator/accounts/\(operatorAccount.id)/reset-password"))
            let own = try await client.execute(uri: "/web/operator/accounts/\(operatorAccount.id)/reset-password", method: .post, headers: [.cookie: cookie]) { $0.status }
            #expect(own == .forbidden)
            let reset = try await client.execute(uri: "/web/operator/accounts/\(helper.id)/reset-password", method: .post, headers: [.cookie: cookie]) {
                ($0.headers, String(buffer: $0.body))
            }
            #expect(reset.0[.cacheControl] == "no-store")
            let password = try #require(reset.1.firstMatch(of: /id="handover-password">([^<]+)</)?.1).description
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: session]) { $0.headers[.location] } == "/web/login")
            #expect(try await webLogin(client, "helper", "helper-password-1") == nil)
            let fresh = try #require(try await webLogin(client, "helper", password, landing: "/web/settings/password"))
            let page = try await client.execute(uri: "/web/settings/password", method: .get, headers: [.cookie: fresh]) { String(buffer: $0.body) }
            #expect(page.contains("id=\"must-change\""))
        }
        #expect(try await fixture.store.account(named: "helper").mustChangePassword)
        #expect(try await fixture.store.auditEntries(from: 0, limit: 1_000).contains { $0.action == "admin.resetPassword" && $0.subject == "helper" })
    }

    @Test("health: the store's durability and units by state; the audit log verified intact, then found broken after an edit")
    func health() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("a-password-1", cost: 4), role: .hubOperator), audit: audit)
        _ = try await fixture.hub.submit(sampleUnit(.carePlan), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "operator", "a-password-1", landing: "/web/operator/licences"))
            let page = try await client.execute(uri: "/web/operator/health", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            // What the store reports of its commits: SQLite's fsync setting, or PostgreSQL's.
            #expect(page.contains(TestStores.usesPostgres ? "synchronous_commit=on" : "synchronous=full"))
            let units = try #require(page.firstMatch(of: /id="units-by-state">(.*?)<\/dl>/.dotMatchesNewlines())?.1)
            #expect(units.contains("<dt>受付済</dt><dd>1</dd>") && units.contains("<dt>取込済</dt><dd>0</dd>"))
            let intact = try await client.execute(uri: "/web/operator/health/verify", method: .post, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(intact.contains("監査ログは改ざんされていません。"))
            try await TestStores.damage(fixture.store, "UPDATE audit SET subject = 'edited' WHERE sequence = 2")
            let broken = try await client.execute(uri: "/web/operator/health/verify", method: .post, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(broken.contains("監査ログに問題があります。") && broken.contains("#2"))
        }
    }

    @Test("the audit page: filters as typed, 100 a page with a link to the next, a bad date refused")
    func auditPage() async throws {
        let fixture = try await HubFixture.make()
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("a-password-1", cost: 4), role: .hubOperator),
            audit: AuditRecord(actor: "test", office: nil, action: "setup", subject: ""))
        for index in 1...150 { try await fixture.store.appendAudit(AuditRecord(actor: "cli", office: nil, action: "admin.note", subject: "note \(index)")) }
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "operator", "a-password-1", landing: "/web/operator/licences"))
            let first = try await client.execute(uri: "/web/operator/audit?action=admin", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(first.matches(of: /<code>admin\.note<\/code>/).count == 100 && first.contains("note 150<") && !first.contains("note 50<"))
            let next = try #require(first.firstMatch(of: /href="(\/web\/operator\/audit\?[^"]+)" id="next"/)?.1).description
            #expect(next.contains("action=admin") && next.contains("before="))
            let second = try await client.execute(uri: next.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(second.matches(of: /<code>admin\.note<\/code>/).count == 50 && second.contains("note 1<") && !second.contains("id=\"next\""))
            // The operator's header only: no office navigation beside it.
            #expect(!first.contains("href=\"/web/inbox\"") && first.contains("href=\"/web/operator/health\""))
            let login = try await client.execute(uri: "/web/operator/audit?action=login", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(login.contains("<code>login</code>") && !login.contains("admin.note"))
            #expect(try await client.execute(uri: "/web/operator/audit?from=2026-02-30", method: .get, headers: [.cookie: cookie]) { $0.status } == .badRequest)
        }
    }

    @Test("the operator's pages in English: only data left in Japanese")
    func englishPages() async throws {
        let names = HubDemo.regionOffices.map(\.name) + [HubDemo.newOffice.name, "ちよだ居宅介護支援センター", "神田ヘルパーステーション", "麹町デイサービス", "番町福祉用具センター"]
        let data = names + ["さくら市モデル地域のお試し", "さくら市モデル地域事業", "かんだ訪問入浴", "つばさデイサービス", "中央区", "大阪府", "さくら市", "東京都", "日本語", "さくら市モデル地域", "さくら駅前福祉用具"] + ServiceType.all.map(\.name)
        try await SeededRegion.test { client in
            let cookie = try #require(try await webLogin(client, HubDemo.operatorLogin, HubDemo.password, landing: "/web/operator/licences"))
            for path in ["/web/operator/offices", "/web/operator/accounts", "/web/operator/health", "/web/operator/licences", "/web/applications", "/web/operator/audit?action=licence"] {
                let html = try await client.execute(uri: path, method: .get, headers: [.cookie: "\(cookie); careplan_lang=en"]) { String(buffer: $0.body) }
                #expect(html.contains("<html lang=\"en\">"), "\(path)")
                let left = PageLanguageTests.japaneseLeft(html, data: data)
                #expect(left.isEmpty, "\(path): \(left)")
            }
        }
    }
}
