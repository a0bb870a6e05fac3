// CarePlan Link — 利用申請: the public form, the deciders, the handed-over password, the first-login checklist, the
// password change and the care software's tokens.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanHubStore

@testable import CarePlanHub

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

private func headers(_ cookie: String) -> HTTPFields {
    var headers = formHeaders
    headers[.cookie] = cookie
    return headers
}

/// A good application of さくら訪問看護 (さくら市 139998).
private let sakura = [
    "number": "1399900601", "serviceType": "13", "name": "さくら訪問看護", "address": "さくら市1-1", "municipality": "139998", "contactName": "青葉 花子",
    "contact": "03-0000-0601",
]

@Suite("Onboarding")
struct OnboardingTests {
    @Test("市区町村コード: six digits whose last is the modulus-11 check digit, of a prefecture 01–47")
    func municipalityCodes() {
        // 千代田区, 札幌市, 堺市, 札幌市中央区 (remainder 0), the demo's さくら市.
        for code in ["131016", "011002", "271403", "011011", "139998"] { #expect(MunicipalityCode.isValid(code), "\(code)") }
        // A wrong check digit, wrong lengths, no such prefecture, a prefecture's own code (東京都 130001), not ASCII.
        for code in ["131017", "13101", "1310166", "481001", "001007", "130001", "13101a", "１３１０１６"] { #expect(!MunicipalityCode.isValid(code), "\(code)") }
    }

    @Test("the form: every item's problem at once; full-width digits and spaces are accepted, invisible characters are not")
    func formCheck() throws {
        var bad = ApplicationForm()
        bad.number = "131010001"
        bad.serviceType = "99"
        bad.municipality = "131017"
        bad.name = "さくら\u{200B}訪問看護"
        bad.contactName = ""
        bad.contact = "tel 03"
        guard case .failure(let problems) = bad.check(now: 0) else { Issue.record("accepted"); return }
        #expect(problems.problems.map(\.field) == ["number", "serviceType", "municipality", "name", "contactName", "contact"])

        var good = ApplicationForm()
        good.number = " １３９９９００６０１ "
        good.serviceType = "13"
        good.municipality = "１３９９９８"
        good.name = " さくら訪問看護 "
        good.contactName = "青葉"
        good.contact = "ｓａｋｕｒａ＠ｅｘａｍｐｌｅ．ｊｐ"
        let application = try good.check(now: 5).get()
        #expect(application.officeNumber == "1399900601" && application.municipalityCode == "139998" && application.officeName == "さくら訪問看護")
        #expect(application.contact == "sakura@example.jp" && application.submittedAt == 5 && application.state == .pending)
        for contact in ["03-1234-5678", "09012345678", "a@b.jp"] { #expect(ApplicationForm.isContact(contact), "\(contact)") }
        for contact in ["12345", "3-1234-5678", "a@b", "@b.jp", "a b@c.jp", "0312345678901234"] { #expect(!ApplicationForm.isContact(contact), "\(contact)") }
    }

    @Test("apply, approve with a trial, log in with the handed-over password: the checklist leads through password, token and partner")
    func endToEnd() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let city = try await fixture.store.registerAuthority(kind: .municipality, code: "139998", name: "さくら市", actor: "test")
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, authorityID: city.id, loginName: "city", passwordHash: PasswordHasher.hash("city-password-1", cost: 4), role: .municipality),
            audit: audit)
        try await fixture.test { client in
            // The public form, without a session; a refused one keeps what was typed and names each item.
            let page = try await client.execute(uri: "/web/apply", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok && page.1.contains("id=\"apply\"") && page.1.contains("<option value=\"139998\">さくら市</option>"))
            var broken = sakura
            broken["municipality"] = "139999"
            let refused = try await client.execute(uri: "/web/apply", method: .post, headers: formHeaders, body: form(broken)) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .unprocessableContent && refused.1.contains("id=\"municipality-problem\"") && refused.1.contains("value=\"さくら訪問看護\""))
            #expect(try await fixture.store.applications(municipalityCode: nil).isEmpty)

            let received = try await client.execute(uri: "/web/apply", method: .post, headers: formHeaders, body: form(sakura)) { ($0.status, String(buffer: $0.body)) }
            #expect(received.0 == .created && received.1.contains("ハブの運用者またはさくら市"))
            let application = try #require(try await fixture.store.applications(municipalityCode: "139998").first)
            #expect(received.1.contains("id=\"application-number\">\(application.id)<"))
            // The same office and contact again (a second click) is refused; it was the third post from this address in
            // a minute, so the fourth waits, and keeps what was typed.
            let twice = try await client.execute(uri: "/web/apply", method: .post, headers: formHeaders, body: form(sakura)) { ($0.status, String(buffer: $0.body)) }
            #expect(twice.0 == .conflict && twice.1.contains("審査中"))
            var other = sakura
            other["contact"] = "090-1111-2222"
            let flood = try await client.execute(uri: "/web/apply", method: .post, headers: formHeaders, body: form(other)) { ($0.status, $0.headers, String(buffer: $0.body)) }
            #expect(flood.0 == .tooManyRequests && flood.1[.retryAfter] != nil && flood.2.contains("value=\"090-1111-2222\""))
            #expect(try await fixture.store.pendingApplicationCount() == 1)
            // A minute later someone else may apply in the office's name: both wait, and the decider is told.
            fixture.clock.advance(days: 61.0 / 86_400)
            #expect(try await client.execute(uri: "/web/apply", method: .post, headers: formHeaders, body: form(other)) { $0.status } == .created)

            // さくら市 decides it: a taken login name is refused and creates nothing; then the approval hands over a password once.
            let cityCookie = try #require(try await webLogin(client, "city", "city-password-1", landing: "/web/region"))
            let list = try await client.execute(uri: "/web/applications", method: .get, headers: [.cookie: cityCookie]) { String(buffer: $0.body) }
            #expect(list.contains("href=\"/web/applications/\(application.id)\"") && list.contains("id=\"pending-count\">2<"))
            let taken = try await client.execute(
                uri: "/web/applications/\(application.id)/approve", method: .post, headers: headers(cityCookie),
                body: form(["loginName": "city", "kind": "trial", "from": "2025-06-15", "until": "2025-09-12"])) { $0.status }
            #expect(taken == .conflict)
            #expect(try await fixture.store.office(number: "1399900601", serviceType: "13") == nil)
            let detail0 = try await client.execute(uri: "/web/applications/\(application.id)", method: .get, headers: [.cookie: cityCookie]) { String(buffer: $0.body) }
            #expect(detail0.contains("id=\"siblings\"") && !detail0.contains("id=\"prefecture-mismatch\""))
            // A municipality grants no paid period, no office without a period, and no more than a year.
            for terms in [
                ["loginName": "sakura-admin", "kind": "paid", "from": "2025-06-15", "until": "2025-09-12"], ["loginName": "sakura-admin", "kind": ""],
                ["loginName": "sakura-admin", "kind": "trial", "from": "2025-06-15", "until": "2026-06-16"],
            ] {
                let refused = try await client.execute(
                    uri: "/web/applications/\(application.id)/approve", method: .post, headers: headers(cityCookie), body: form(terms)) { $0.status }
                #expect(refused == .forbidden, "\(terms)")
            }
            #expect(try await fixture.store.office(number: "1399900601", serviceType: "13") == nil)
            let approved = try await client.execute(
                uri: "/web/applications/\(application.id)/approve", method: .post, headers: headers(cityCookie),
                body: form(["loginName": "sakura-admin", "kind": "trial", "from": "2025-06-15", "until": "2025-09-12"])) { ($0.headers, String(buffer: $0.body)) }
            #expect(approved.0[.cacheControl] == "no-store")
            let password = try #require(approved.1.firstMatch(of: /id="handover-password">([^<]+)</)?.1).description
            #expect(password.count == 19)
            let office = try #require(try await fixture.store.office(number: "1399900601", serviceType: "13"))
            #expect(office.name == "さくら訪問看護" && office.municipalityCode == "139998" && office.contact == "03-0000-0601")
            let periods = try await fixture.store.usagePeriods(officeID: office.id)
            #expect(periods.map(\.kind) == [.trial] && periods[0].endsAt - periods[0].startsAt == 90 * 86_400)
            #expect(try await fixture.store.application(id: application.id)?.state == .approved)
            // The other application in the office's name was declined with it.
            #expect(try await fixture.store.applications(municipalityCode: "139998").map(\.state).sorted { $0.rawValue < $1.rawValue } == [.approved, .rejected])
            // The detail page no longer offers a decision; the password is nowhere stored in the clear.
            let detail = try await client.execute(uri: "/web/applications/\(application.id)", method: .get, headers: [.cookie: cityCookie]) { String(buffer: $0.body) }
            #expect(!detail.contains("id=\"approve\"") && !detail.contains(password))
            let entries = try await fixture.store.auditEntries(from: 0, limit: 1_000)
            #expect(entries.contains { $0.action == "application.approve" } && !entries.contains { $0.subject.contains(password) })

            // The new administrator logs in and is led to the password page: until it is changed, nothing else opens
            // (whoever handed it over cannot use the account meanwhile), on the web and with an API login alike.
            let admin = try #require(try await webLogin(client, "sakura-admin", password, landing: "/web/settings/password"))
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { $0.headers[.location] } == "/web/settings/password")
            // Its page offers nothing else to click but logout.
            let mustChange = try await client.execute(uri: "/web/settings/password", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(mustChange.contains("id=\"must-change\"") && !mustChange.contains("href=\"/web/inbox\"") && mustChange.contains("action=\"/web/logout\""))
            let blocked = try await client.execute(
                uri: "/web/settings/software", method: .post, headers: headers(admin), body: form(["label": "x", "days": "365"])) { $0.status }
            #expect(blocked == .forbidden)
            #expect(try await fixture.store.credentials(accountID: try await fixture.store.account(named: "sakura-admin").id).allSatisfy { $0.kind == .webSession })
            // The password: the current one proves it is them; a short one is refused; then it is changed.
            let wrong = try await client.execute(
                uri: "/web/settings/password", method: .post, headers: headers(admin), body: form(["current": "nope", "new": "a-new-password-1", "confirmation": "a-new-password-1"])) { $0.status }
            #expect(wrong == .forbidden)
            let short = try await client.execute(
                uri: "/web/settings/password", method: .post, headers: headers(admin), body: form(["current": password, "new": "short", "confirmation": "short"])) { $0.status }
            #expect(short == .badRequest)
            let changed = try await client.execute(
                uri: "/web/settings/password", method: .post, headers: headers(admin),
                body: form(["current": password, "new": "a-new-password-1", "confirmation": "a-new-password-1"])) { $0.headers[.location] }
            #expect(changed == "/web/inbox?done=passwordChanged")
            #expect(try await webLogin(client, "sakura-admin", password) == nil)
            var inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(inbox.contains("id=\"checklist-count\">1/3<") && inbox.contains("id=\"step-password\" class=\"done\""))
            // The token: issued once on the page, it reaches the API; the checklist counts it.
            let issued = try await client.execute(
                uri: "/web/settings/software", method: .post, headers: headers(admin), body: form(["label": "訪問看護ソフト", "days": "365"])) { ($0.headers, String(buffer: $0.body)) }
            #expect(issued.0[.cacheControl] == "no-store")
            let token = try #require(issued.1.firstMatch(of: /id="token-secret">([^<]+)</)?.1).description
            let (status, _) = try await client.getJSON("/api/v1/inbox", token: token)
            #expect(status == .ok)
            inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(inbox.contains("id=\"checklist-count\">2/3<") && inbox.contains("id=\"step-partners\" class=\"todo\""))
            // The first partner completes it: the checklist is gone.
            try await link(office, fixture.careManager, store: fixture.store)
            inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(!inbox.contains("id=\"checklist\"") && inbox.contains("受信一覧"))
        }
    }

    @Test("who decides: the operator every application, a municipality its own (another's is 404), nobody else; a rejection needs its reason")
    func deciders() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let city = try await fixture.store.registerAuthority(kind: .municipality, code: "139998", name: "さくら市", actor: "test")
        let tokyo = try await fixture.store.registerAuthority(kind: .prefecture, code: "13", name: "東京都", actor: "test")
        let hash = PasswordHasher.hash("a-password-1", cost: 4)
        _ = try await fixture.store.createAccount(Account(officeID: nil, authorityID: city.id, loginName: "city", passwordHash: hash, role: .municipality), audit: audit)
        _ = try await fixture.store.createAccount(Account(officeID: nil, authorityID: tokyo.id, loginName: "pref", passwordHash: hash, role: .prefecture), audit: audit)
        _ = try await fixture.store.createAccount(Account(officeID: nil, loginName: "operator", passwordHash: hash, role: .hubOperator), audit: audit)
        _ = try await fixture.store.createAccount(Account(officeID: fixture.careManager.id, loginName: "cm-admin", passwordHash: hash, role: .admin), audit: audit)
        let own = try await fixture.store.createApplication(try ApplicationForm(from: sakura).check(now: 1).get(), audit: audit)
        var chiyoda = sakura
        (chiyoda["number"], chiyoda["municipality"]) = ("1310100099", "131016")
        let other = try await fixture.store.createApplication(try ApplicationForm(from: chiyoda).check(now: 2).get(), audit: audit)
        let routes: [(HTTPRequest.Method, String)] = [
            (.get, "/web/applications"), (.get, "/web/applications/\(own.id)"), (.post, "/web/applications/\(own.id)/approve"),
            (.post, "/web/applications/\(own.id)/reject"),
        ]
        try await fixture.test { client in
            for (method, path) in routes {
                let anonymous = try await client.execute(uri: path, method: method, headers: formHeaders) { $0 }
                #expect(anonymous.status == .seeOther || anonymous.status == .unauthorized, "\(method) \(path)")
                for login in ["pref", "cm-admin"] {
                    let cookie = try #require(try await webLogin(client, login, "a-password-1", landing: login == "pref" ? "/web/region" : "/web/inbox"))
                    #expect(try await client.execute(uri: path, method: method, headers: headers(cookie)) { $0.status } == .forbidden, "\(login) \(method) \(path)")
                }
            }
            let cityCookie = try #require(try await webLogin(client, "city", "a-password-1", landing: "/web/region"))
            let list = try await client.execute(uri: "/web/applications", method: .get, headers: [.cookie: cityCookie]) { String(buffer: $0.body) }
            #expect(list.contains("/web/applications/\(own.id)\"") && !list.contains("/web/applications/\(other.id)\""))
            #expect(try await client.execute(uri: "/web/applications/\(other.id)", method: .get, headers: [.cookie: cityCookie]) { $0.status } == .notFound)
            let foreign = try await client.execute(
                uri: "/web/applications/\(other.id)/reject", method: .post, headers: headers(cityCookie), body: form(["reason": "x"])) { $0.status }
            #expect(foreign == .notFound)
            let foreignApproval = try await client.execute(
                uri: "/web/applications/\(other.id)/approve", method: .post, headers: headers(cityCookie),
                body: form(["loginName": "chiyoda-admin", "kind": "trial", "from": "2025-06-15", "until": "2025-07-14"])) { $0.status }
            #expect(foreignApproval == .notFound)
            #expect(try await fixture.store.application(id: other.id)?.state == .pending)

            let operatorCookie = try #require(try await webLogin(client, "operator", "a-password-1", landing: "/web/operator/licences"))
            let all = try await client.execute(uri: "/web/applications", method: .get, headers: [.cookie: operatorCookie]) { String(buffer: $0.body) }
            #expect(all.contains("/web/applications/\(own.id)\"") && all.contains("/web/applications/\(other.id)\""))
            let noReason = try await client.execute(
                uri: "/web/applications/\(other.id)/reject", method: .post, headers: headers(operatorCookie), body: form(["reason": " "])) { $0.status }
            #expect(noReason == .badRequest)
            let rejected = try await client.execute(
                uri: "/web/applications/\(other.id)/reject", method: .post, headers: headers(operatorCookie), body: form(["reason": "事業所番号を確認できません"])) { $0.headers[.location] }
            #expect(rejected == "/web/applications?done=rejected")
            let decided = try await fixture.store.application(id: other.id)
            #expect(decided?.state == .rejected && decided?.decisionNote == "事業所番号を確認できません")
            let twice = try await client.execute(
                uri: "/web/applications/\(other.id)/approve", method: .post, headers: headers(operatorCookie), body: form(["loginName": "late-admin"])) { $0.status }
            #expect(twice == .conflict)
            #expect(try await fixture.store.account(loginName: "late-admin") == nil)
        }
    }

    @Test("a password change ends the account's other sessions and keeps this one; tokens stay")
    func passwordChangeEndsOtherSessions() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("helper", "helper-password-1")
        let account = try await fixture.store.account(named: "helper")
        let token = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: [.receive], now: fixture.clock.now)
        try await fixture.test { client in
            let first = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let second = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let changed = try await client.execute(
                uri: "/web/settings/password", method: .post, headers: headers(first),
                body: form(["current": "helper-password-1", "new": "helper-password-2", "confirmation": "helper-password-2"])) { $0.status }
            #expect(changed == .seeOther)
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: first]) { $0.status } == .ok)
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: second]) { $0.headers[.location] } == "/web/login")
            #expect(try await client.getJSON("/api/v1/inbox", token: token).0 == .ok)
            let mismatch = try await client.execute(
                uri: "/web/settings/password", method: .post, headers: headers(first),
                body: form(["current": "helper-password-2", "new": "helper-password-3", "confirmation": "helper-password-4"])) { $0.status }
            #expect(mismatch == .badRequest)
            // Guessing the current password on this form counts against the login throttle: after the free attempts, 429.
            var statuses: [HTTPResponse.Status] = []
            for guess in 1...7 {
                statuses.append(
                    try await client.execute(
                        uri: "/web/settings/password", method: .post, headers: headers(first),
                        body: form(["current": "guess-\(guess)", "new": "helper-password-9", "confirmation": "helper-password-9"])) { $0.status })
            }
            #expect(statuses.prefix(6).allSatisfy { $0 == .forbidden } && statuses.last == .tooManyRequests, "\(statuses)")
        }
        #expect(try await fixture.store.auditEntries(from: 0, limit: 1_000).contains { $0.action == "account.changePassword" && $0.subject == "helper" })
    }

    @Test("ソフト連携: staff see the office's tokens but cannot issue or revoke; another office's token is not found; the checklist can be closed")
    func softwarePage() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        try await fixture.passwordAccount("helper", "helper-password-1")
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.provider.id, loginName: "helper-admin", passwordHash: PasswordHasher.hash("admin-password-1", cost: 4), role: .admin), audit: audit)
        // The fixture's care-manager token belongs to another office.
        let foreign = try #require(try await fixture.store.credentials(accountID: try await fixture.store.account(named: "staff-\(fixture.careManager.number)").id).first)
        try await fixture.test { client in
            let staff = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let page = try await client.execute(uri: "/web/settings/software", method: .get, headers: [.cookie: staff]) { String(buffer: $0.body) }
            #expect(page.contains("id=\"credentials\"") && page.contains("staff-\(fixture.provider.number)") && !page.contains("id=\"token-form\""))
            #expect(try await client.execute(uri: "/web/settings/software", method: .post, headers: headers(staff), body: form(["label": "x", "days": "365"])) { $0.status } == .forbidden)
            let admin = try #require(try await webLogin(client, "helper-admin", "admin-password-1"))
            #expect(try await client.execute(uri: "/web/settings/software", method: .post, headers: headers(admin), body: form(["label": "x", "days": "7"])) { $0.status } == .badRequest)
            let revokeForeign = try await client.execute(uri: "/web/settings/software/\(foreign.id)/revoke", method: .post, headers: headers(admin)) { $0.status }
            #expect(revokeForeign == .notFound)
            #expect(try await client.getJSON("/api/v1/inbox", token: fixture.careManagerToken).0 == .ok)
            let own = try #require(try await fixture.store.credentials(accountID: try await fixture.store.account(named: "staff-\(fixture.provider.number)").id).first)
            #expect(try await client.execute(uri: "/web/settings/software/\(own.id)/revoke", method: .post, headers: headers(admin)) { $0.status } == .seeOther)
            #expect(try await client.getJSON("/api/v1/inbox", token: fixture.providerToken).0 == .unauthorized)
            // Without a token the checklist shows (the fixture's offices are linked); closing it is for this account only.
            var inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(inbox.contains("id=\"step-software\" class=\"todo\"") && inbox.contains("id=\"step-partners\" class=\"done\""))
            #expect(try await client.execute(uri: "/web/checklist/dismiss", method: .post, headers: headers(admin)) { $0.status } == .seeOther)
            inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: admin]) { String(buffer: $0.body) }
            #expect(!inbox.contains("id=\"checklist\""))
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: staff]) { String(buffer: $0.body) }.contains("id=\"checklist\""))
        }
    }
}

@Suite("Onboarding in English")
struct OnboardingEnglishTests {
    @Test("the form with its problems, the receipt, the deciders' list, detail and handover, the password and software pages: only data in Japanese")
    func englishPages() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("a-password-1", cost: 4), role: .hubOperator), audit: audit)
        let data = ["さくら訪問看護", "さくら市1-1", "青葉", "花子", "ちよだ居宅", "神田ヘルパー", "麹町デイ", "日本語"] + ServiceType.all.map(\.name)
        let english: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "careplan_lang=en"]
        try await fixture.test { client in
            var broken = sakura
            broken["number"] = "12"
            broken["contact"] = "?"
            var pages: [(String, String)] = []
            pages.append(("apply", try await client.execute(uri: "/web/apply", method: .get, headers: english) { String(buffer: $0.body) }))
            pages.append(("refused", try await client.execute(uri: "/web/apply", method: .post, headers: english, body: form(broken)) { String(buffer: $0.body) }))
            pages.append(("receipt", try await client.execute(uri: "/web/apply", method: .post, headers: english, body: form(sakura)) { String(buffer: $0.body) }))
            let id = try #require(try await fixture.store.applications(municipalityCode: nil).first?.id)
            let cookie = try #require(try await webLogin(client, "operator", "a-password-1", landing: "/web/operator/licences"))
            var session = english
            session[.cookie] = "\(cookie); careplan_lang=en"
            for path in ["/web/applications", "/web/applications/\(id)", "/web/settings/password"] {
                pages.append((path, try await client.execute(uri: path, method: .get, headers: session) { String(buffer: $0.body) }))
            }
            pages.append(("handover", try await client.execute(uri: "/web/applications/\(id)/approve", method: .post, headers: session, body: form(["loginName": "sakura-admin", "kind": "trial", "from": "2025-06-15", "until": "2025-07-14"])) { String(buffer: $0.body) }))
            #expect(pages[1].1.contains("the office number has 10 digits") && pages.last!.1.contains("Initial password"))
            for (name, html) in pages {
                #expect(html.contains("<html lang=\"en\">"), "\(name)")
                let left = PageLanguageTests.japaneseLeft(html, data: data)
                #expect(left.isEmpty, "\(name): \(left)")
            }
        }
    }
}

extension ApplicationForm {
    /// The form as the browser would post `fields`.
    init(from fields: [String: String]) {
        self.init(
            number: fields["number"], serviceType: fields["serviceType"], name: fields["name"], address: fields["address"], municipality: fields["municipality"],
            contactName: fields["contactName"], contact: fields["contact"])
    }
}
