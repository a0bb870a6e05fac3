// CarePlan Link — municipalities and model regions: the dashboard against the demo region's numbers (computed by
// hand from HubDemo.regionGroups), the subsidy CSV, the invitation and proposal flows, and who may see what.
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import Testing

@testable import CarePlanHub

/// The demo hub (both parts) seeded once, on a clock that ends at 2026-12-01 12:00 Japan time.
enum SeededRegion {
    static let now = 1_796_094_000.0

    static let shared = Task<(store: any HubStore, configuration: HubConfiguration), any Error> {
        let store = try await TestStores.make()
        var configuration = HubConfiguration.withNewKeys()
        configuration.port = 0
        try await HubDemo.seed(store: store, configuration: configuration)
        try await HubDemo.seedRegion(store: store, configuration: configuration, now: Self.now)
        try await HubDemo.seedOnboarding(store: store, now: Self.now)
        return (store, configuration)
    }

    /// A hub over the shared store whose clock stands at ``now``.
    static func hub() async throws -> Hub {
        let (store, configuration) = try await Self.shared.value
        return try await Hub.open(store: store, configuration: configuration, now: { Self.now })
    }

    static func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let hub = try await Self.hub()
        try await Application(router: try buildRouter(hub: hub, registry: PrometheusCollectorRegistry())).test(.router, body)
    }
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

@Suite("Model regions")
struct RegionTests {
    @Test("the demo region's dashboard: counts, months by kind, border, partners per office and the subsidy list, as computed by hand")
    func demoDashboard() async throws {
        let hub = try await SeededRegion.hub()
        let region = try #require(try await hub.store.regions(authorityIDs: try await hub.store.authorities().map(\.id)).first)
        let dashboard = try await RegionDashboard.load(hub: hub, region: region, fiscalYear: FiscalYear(2026))
        // 25 invited; s-equip2 declined, s-equip3 has not answered; of the 23 joined, s-equip1 exchanged nothing.
        #expect((dashboard.invited, dashboard.joined, dashboard.declined, dashboard.active) == (1, 23, 1, 22))
        // Steps on 09-27, 10-27 and 11-26 (Japan), 実績 on 10-31 and 11-30: 20 groups each send a 利用票 to both providers
        // per step, a care plan in the first; 実績 come back after the second and third. s-cm3's withdrawn plan is not counted.
        let months = Dictionary(uniqueKeysWithValues: dashboard.months.map { ($0.month, $0.units) })
        #expect(months["202609"] == [.plan: 20, .usePlan: 40])
        #expect(months["202610"] == [.usePlan: 40, .results: 20])
        #expect(months["202611"] == [.usePlan: 40, .results: 20])
        #expect(dashboard.months.map(\.month) == FiscalYear(2026).months && dashboard.months.map(\.total).reduce(0, +) == 180)
        // s-cm5's fourth group uses 千代田区's 神田ヘルパーステーション: a care plan and three 利用票 out, two 実績 in.
        #expect((dashboard.inside, dashboard.outgoing, dashboard.incoming) == (174, 4, 2))

        let byLogin = Dictionary(uniqueKeysWithValues: HubDemo.regionOffices.map { ($0.id.number, $0.login) })
        let partners = Dictionary(uniqueKeysWithValues: dashboard.subsidy.entries.map { (byLogin[$0.office.number]!, $0.partners.count) })
        #expect(partners["s-cm1"] == 5 && partners["s-cm2"] == 4 && partners["s-cm3"] == 2 && partners["s-cm4"] == 3 && partners["s-cm5"] == 7)
        #expect(dashboard.subsidy.qualifying.map { byLogin[$0.office.number]! } == ["s-cm1", "s-cm5"])
        #expect(dashboard.subsidy.near.map { byLogin[$0.office.number]! } == ["s-cm2", "s-cm4"])
        // s-cm1 and s-help1 (groups 1 and 4): per group a care plan and three 利用票 (the refused one still reached it)
        // out, two 実績 back.
        let cm1 = try #require(dashboard.subsidy.qualifying.first)
        let help1 = try #require(cm1.partners.first { $0.number == HubDemo.regionHomeHelp[0].id.number })
        #expect((help1.sent, help1.received) == (8, 4))
        #expect(JapanTime.date(help1.firstExchangeAt) == "2026-09-27")
        // s-cm2's expired 利用票 to s-day4 reached nobody; its unread one to s-help5 neither.
        let cm2 = try #require(dashboard.subsidy.near.first)
        #expect(cm2.partners.first { $0.number == HubDemo.regionDayServices[3].id.number }?.sent == 5)
        #expect(cm2.partners.first { $0.number == HubDemo.regionHomeHelp[4].id.number }?.sent == 7)

        let rows = Dictionary(uniqueKeysWithValues: dashboard.offices.map { (byLogin[$0.office.number]!, $0) })
        // s-cm1's links: its five partners and s-equip1.
        #expect(rows["s-cm1"]?.linkedPartners == 6 && rows["s-cm1"]?.sent == 28 && rows["s-cm1"]?.addressed == 8)
        #expect(rows["s-equip1"]?.active == false && rows["s-equip1"]?.sent == 0 && rows["s-help5"]?.active == true)
        // 利用期間: s-cm4's trial warns (12 days left), s-equip1 receives only; offices without periods are not bound.
        let book = LicenceBook(hub: hub)
        let cm4 = try #require(try await hub.store.office(number: HubDemo.regionCareManagers[3].id.number, serviceType: "43"))
        let equip1 = try #require(try await hub.store.office(number: HubDemo.regionEquipment[0].id.number, serviceType: "17"))
        // The seed ends at noon: its periods run from midnight to midnight (Japan time).
        let today = SeededRegion.now - 12 * 3_600
        #expect(try await book.standing(of: cm4) == .active(kind: .trial, until: today + 13 * 86_400))
        #expect(await book.notice(for: cm4) == "利用期間は 2026-12-13 までです（あと12日）。継続はハブの運用者にご相談ください。")
        #expect(try await book.standing(of: equip1) == .grace(endedAt: today - 9 * 86_400, graceUntil: today + 21 * 86_400))
        #expect(await book.notice(for: equip1) == "利用期間は 2026-11-21 で終わりました。送信はできません。受信は 2026-12-21 までできます。")
        #expect(try await book.standing(of: rows["s-cm1"]!.office) == .unbound)
        // A year without exchange has the members and nothing else.
        let before = try await RegionDashboard.load(hub: hub, region: region, fiscalYear: FiscalYear(2025))
        #expect(before.units == 0 && before.subsidy.qualifying.isEmpty && before.joined == 23)
    }

    @Test("the subsidy CSV: UTF-8 with a BOM, every field quoted, one row per office and partner, qualifying then near")
    func subsidyCSV() async throws {
        try await SeededRegion.test { client in
            let city = try #require(try await webLogin(client, HubDemo.cityLogin, HubDemo.password, landing: "/web/region"))
            let store = try await SeededRegion.hub().store
            let regionID = try #require(try await store.regions(authorityIDs: try await store.authorities().map(\.id)).first?.id)
            let (status, type, body) = try await client.execute(uri: "/web/region/subsidy.csv?region=\(regionID)&fy=2026", method: .get, headers: [.cookie: city]) {
                ($0.status, $0.headers[.contentType], String(buffer: $0.body))
            }
            #expect(status == .ok && type == "text/csv; charset=utf-8")
            #expect(body.hasPrefix("\u{FEFF}\"年度\",\"地域\",\"判定\",\"事業所番号\""))
            let lines = body.dropFirst().split(separator: "\r\n").map(String.init)
            // s-cm1's 5 and s-cm5's 7 partners, then s-cm2's 4 and s-cm4's 3.
            let rows: Int = 1 + 5 + 7 + 4 + 3
            #expect(lines.count == rows)
            #expect(lines[1] == "\"2026年度\",\"さくら市モデル地域\",\"対象\",\"1399900101\",\"43\",\"さくら居宅介護支援センター\",\"5\",\"1399900201\",\"11\",\"さくらヘルパーステーション\",\"2026-09-27\",\"8\",\"4\"")
            #expect(lines.filter { $0.contains("\"あと1事業所\"") }.count == 4 && lines.filter { $0.contains("\"あと2事業所\"") }.count == 3)
            #expect(lines.contains { $0.contains("\"1310100021\",\"11\",\"神田ヘルパーステーション\"") })
            // A year that is not one is refused.
            let bad = try await client.execute(uri: "/web/region/subsidy.csv?region=\(regionID)&fy=20x6", method: .get, headers: [.cookie: city]) { $0.status }
            #expect(bad == .badRequest)
        }
    }

    @Test("a field a spreadsheet would run as a formula is defused; quotes are doubled")
    func csvEscaping() {
        let office = Office(id: 1, number: "1399900101", serviceType: "43", name: "=HYPERLINK(\"x\")")
        // The member's own 訪問介護 under the same 事業所番号 is not a partner.
        let own = Office(id: 9, number: "1399900101", serviceType: "11", name: "@自分")
        let partners = (2...6).map { Office(id: Int64($0), number: "139990020\($0)", serviceType: "11", name: "+事業所\"\($0)\"") }
        let tallies = (partners + [own]).map {
            ExchangeTally(senderOfficeID: 1, recipientOfficeID: $0.id, month: "202605", pattern: "p", units: 1, received: 1, firstReceivedAt: 1_777_563_000, lastAt: 1_777_563_000)
        }
        let list = SubsidyList(members: [office], tallies: tallies, offices: Dictionary(uniqueKeysWithValues: (partners + [office, own]).map { ($0.id, $0) }))
        #expect(list.entries[0].partners.count == 5 && !list.entries[0].partners.contains { $0.number == office.number })
        let csv = list.csv(region: Region(authorityID: 1, name: "-地域", createdAt: 0), fiscalYear: FiscalYear(2026))
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\"") && csv.contains("\"'+事業所\"\"2\"\"\"") && csv.contains("\"'-地域\""))
        #expect(csv.contains("\"2026-05-01\""))
    }

    @Test("a partner counts only when a unit reached it or came from it and was received; units each way are the received ones")
    func receivedOnly() {
        let member = Office(id: 1, number: "1399900101", serviceType: "43", name: "居宅")
        let reached = Office(id: 2, number: "1399900201", serviceType: "11", name: "届いた")
        let unread = Office(id: 3, number: "1399900202", serviceType: "11", name: "未受信")
        let tallies = [
            ExchangeTally(senderOfficeID: 1, recipientOfficeID: 2, month: "202605", pattern: "p", units: 3, received: 2, firstReceivedAt: 100, lastAt: 300),
            ExchangeTally(senderOfficeID: 2, recipientOfficeID: 1, month: "202606", pattern: "実績", units: 1, received: 1, firstReceivedAt: 50, lastAt: 50),
            ExchangeTally(senderOfficeID: 1, recipientOfficeID: 3, month: "202605", pattern: "p", units: 4, received: 0, firstReceivedAt: nil, lastAt: 400),
        ]
        let list = SubsidyList(members: [member], tallies: tallies, offices: [1: member, 2: reached, 3: unread])
        let partners = list.entries[0].partners
        #expect(partners.map(\.number) == [reached.number])
        #expect(partners.first.map { ($0.sent, $0.received, $0.firstExchangeAt) } ?? (0, 0, 0) == (2, 1, 50))
    }

    @Test("fiscal years run April to March in Japan time")
    func fiscalYears() {
        // 2026-03-31 15:00 UTC is 2026-04-01 00:00 in Japan.
        let start = 1_774_969_200.0
        #expect(FiscalYear(containing: start).year == 2026 && FiscalYear(containing: start - 1).year == 2025)
        #expect(FiscalYear(2026).start == start && FiscalYear(2025).end == start)
        #expect(FiscalYear(2026).months.first == "202604" && FiscalYear(2026).months.last == "202703")
        #expect(FiscalYear.month(of: start) == "202604" && FiscalYear.month(of: start - 1) == "202603")
    }

    @Test("an invitation list: one number a line, a pasted CSV with its header, full-width digits, a service type; unknown and unreadable lines reported")
    func invitationList() {
        #expect(RegionBook.officeReference(in: "1310100012")! == ("1310100012", nil))
        #expect(RegionBook.officeReference(in: "\"さくら\",\"1310100021_11\",\"東京都\"")! == ("1310100021", "11"))
        #expect(RegionBook.officeReference(in: "事業所番号,事業所名") == nil)
        #expect(RegionBook.officeReference(in: "131010001") == nil)
        #expect(RegionBook.officeReference(in: "1310100021_1") == nil)
        // A malformed service type does not hide a good number later in the line.
        #expect(RegionBook.officeReference(in: "1310100021_1,1310100039_15")! == ("1310100039", "15"))
    }

    @Test("a municipality creates a region, invites by list, an office joins, a proposal both accept links them; all audited without personal data")
    func invitationFlow() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        let city = try await fixture.store.registerAuthority(kind: .municipality, code: "131016", name: "千代田区", actor: "test")
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, authorityID: city.id, loginName: "city", passwordHash: PasswordHasher.hash("city-password-1", cost: 4), role: .municipality),
            audit: audit)
        try await fixture.passwordAccount("outsider", "outsider-password-1", office: fixture.outsider)
        try await fixture.passwordAccount("cm-staff", "cm-password-1", office: fixture.careManager)
        try await fixture.passwordAccount("helper", "helper-password-1")
        for (login, office) in [("helper-admin", fixture.provider), ("outsider-admin", fixture.outsider)] {
            _ = try await fixture.store.createAccount(
                Account(officeID: office.id, loginName: login, passwordHash: PasswordHasher.hash("admin-password-1", cost: 4), role: .admin), audit: audit)
        }
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "city", "city-password-1", landing: "/web/region"))
            var headers = formHeaders
            headers[.cookie] = cookie
            let created = try await client.execute(uri: "/web/region/new", method: .post, headers: headers, body: form(["name": " 千代田モデル地域 "])) { $0 }
            #expect(created.status == .seeOther)
            let region = try #require(try await fixture.store.regions(authorityIDs: [city.id]).first)
            #expect(region.name == "千代田モデル地域" && created.headers[.location] == "/web/region?region=\(region.id)&done=created")
            // A second region of the same name, and an empty name, are refused with the page and its message.
            let again = try await client.execute(uri: "/web/region/new", method: .post, headers: headers, body: form(["name": "千代田モデル地域"])) { ($0.status, String(buffer: $0.body)) }
            #expect(again.0 == .conflict && again.1.contains("同じ名前の地域があります"))
            #expect(try await client.execute(uri: "/web/region/new", method: .post, headers: headers, body: form(["name": ""])) { $0.status } == .badRequest)

            // A pasted CSV: its header, a full-width number, a bare number (every service), an unknown one, a broken line.
            let list = "事業所番号,事業所名\n１３１０１０００２１,神田\n1310100039_15,麹町\n1399999999\nほげ\n"
            let invited = try await client.execute(uri: "/web/region/\(region.id)/invite", method: .post, headers: headers, body: form(["list": list])) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(invited.0 == .ok && invited.1.contains("2事業所を招待しました。") && invited.1.contains("1399999999") && invited.1.contains("読めない行: 5"))
            #expect(try await fixture.store.regionMembers(regionID: region.id).map(\.office.id) == [fixture.provider.id, fixture.outsider.id])

            // Staff see the invitation; only the office's administrators answer it.
            let staff = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let invitation = try await client.execute(uri: "/web/partners", method: .get, headers: [.cookie: staff]) { String(buffer: $0.body) }
            #expect(invitation.contains("id=\"invitations\"") && invitation.contains("千代田モデル地域") && invitation.contains("送受信の件数"))
            #expect(try await client.execute(uri: "/web/partners/region/\(region.id)/join", method: .post, headers: [.cookie: staff]) { $0.status } == .forbidden)
            // Leaving a region one has not joined is refused (an invitation is declined instead).
            let helperAdmin = try #require(try await webLogin(client, "helper-admin", "admin-password-1"))
            #expect(try await client.execute(uri: "/web/partners/region/\(region.id)/leave", method: .post, headers: [.cookie: helperAdmin]) { $0.status } == .notFound)
            // A region that did not invite the office cannot be joined.
            #expect(try await client.execute(uri: "/web/partners/region/999/join", method: .post, headers: [.cookie: helperAdmin]) { $0.status } == .conflict)
            for login in ["helper-admin", "outsider-admin"] {
                let office = try #require(try await webLogin(client, login, "admin-password-1"))
                let joined = try await client.execute(uri: "/web/partners/region/\(region.id)/join", method: .post, headers: [.cookie: office]) { $0.headers[.location] }
                #expect(joined == "/web/partners?done=regionJoined")
                // Answering twice is a conflict.
                #expect(try await client.execute(uri: "/web/partners/region/\(region.id)/join", method: .post, headers: [.cookie: office]) { $0.status } == .conflict)
            }
            // Members see each other as suggested partners.
            let outsider = try #require(try await webLogin(client, "outsider", "outsider-password-1"))
            let suggested = try await client.execute(uri: "/web/partners", method: .get, headers: [.cookie: outsider]) { String(buffer: $0.body) }
            #expect(suggested.contains("id=\"suggested\"") && suggested.contains("神田ヘルパー"))

            // The city proposes a link; the provider accepts, then the outsider: linked.
            let proposed = try await client.execute(
                uri: "/web/region/\(region.id)/propose", method: .post, headers: headers, body: form(["first": "1310100021_11", "second": "1310100039_15"])) { $0.headers[.location] }
            #expect(proposed == "/web/region?region=\(region.id)&done=proposed")
            let proposal = try #require(try await fixture.store.openLinkProposals(officeID: fixture.outsider.id).first)
            // An office the proposal does not concern cannot answer it.
            let careManager = try #require(try await webLogin(client, "cm-staff", "cm-password-1"))
            #expect(try await client.execute(uri: "/web/partners/proposal/\(proposal.id)/accept", method: .post, headers: [.cookie: careManager]) { $0.status } == .conflict)
            let helper = try #require(try await webLogin(client, "helper", "helper-password-1"))
            #expect(try await client.execute(uri: "/web/partners/proposal/\(proposal.id)/accept", method: .post, headers: [.cookie: helper]) { $0.headers[.location] } == "/web/partners?done=proposalAccepted")
            #expect(try await fixture.store.partnership(between: fixture.provider.id, and: fixture.outsider.id) == nil)
            #expect(try await client.execute(uri: "/web/partners/proposal/\(proposal.id)/accept", method: .post, headers: [.cookie: outsider]) { $0.headers[.location] } == "/web/partners?done=proposalLinked")
            #expect(try await fixture.store.partnership(between: fixture.provider.id, and: fixture.outsider.id)?.state == .linked)
            // Proposing linked offices again is refused.
            let twice = try await client.execute(
                uri: "/web/region/\(region.id)/propose", method: .post, headers: headers, body: form(["first": "1310100021_11", "second": "1310100039_15"])) { $0.status }
            #expect(twice == .conflict)

            // The estimate's parameters: saved when valid, refused (nothing saved) when not.
            let estimate = ["minutesOnPaper": "８", "minutesOnline": "1", "sheetsPerMonth": "100", "hourlyCost": "1800", "costPerSheet": "30"]
            #expect(try await client.execute(uri: "/web/region/\(region.id)/estimate", method: .post, headers: headers, body: form(estimate)) { $0.status } == .seeOther)
            var wrong = estimate
            wrong["sheetsPerMonth"] = "-1"
            #expect(try await client.execute(uri: "/web/region/\(region.id)/estimate", method: .post, headers: headers, body: form(wrong)) { $0.status } == .badRequest)
            let parameters = SavingsEstimate.parameters(stored: try await fixture.store.region(id: region.id)?.estimate)
            #expect(parameters.minutesOnPaper == 8 && parameters.sheetsPerMonth == 100)
            // 12 × 100 × ((8 − 1) ÷ 60 × 1800 + 30) = 288,000 yen.
            #expect(SavingsEstimate(parameters: parameters, offices: 2).yenPerOfficeYear == 288_000)
            let page = try await client.execute(uri: "/web/region?region=\(region.id)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("288,000円") && page.contains("<svg id=\"chart\""))
        }
        // Every change is in the audit log, naming offices and the region, never a person.
        let actions = try await fixture.store.auditEntries(from: 1, limit: 500).map(\.action)
        for action in ["region.create", "region.invite", "region.join", "region.propose", "region.acceptProposal", "partner.link", "region.estimate"] {
            #expect(actions.contains(action), "\(action)")
        }
    }

    @Test("who sees which region: the municipality its own, the prefecture those in it (read-only), another authority nothing; no office or operator")
    func authorization() async throws {
        let (store, _) = try await SeededRegion.shared.value
        let regionID = try #require(try await store.regions(authorityIDs: try await store.authorities().map(\.id)).first?.id)
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        // Another municipality (in Tokyo) and another prefecture (Osaka), each with a login. Made once: the store is shared.
        if try await store.account(loginName: "other-city") == nil {
            let other = try await store.registerAuthority(kind: .municipality, code: "131024", name: "中央区", actor: "test")
            let osaka = try await store.registerAuthority(kind: .prefecture, code: "27", name: "大阪府", actor: "test")
            for (login, authority, role) in [("other-city", other, Role.municipality), ("osaka", osaka, Role.prefecture)] {
                _ = try await store.createAccount(
                    Account(officeID: nil, authorityID: authority.id, loginName: login, passwordHash: PasswordHasher.hash("region-password-1", cost: 4), role: role),
                    audit: audit)
            }
            _ = try await store.createAccount(
                Account(officeID: nil, loginName: "hub-operator", passwordHash: PasswordHasher.hash("operator-password-1", cost: 4), role: .hubOperator), audit: audit)
        }
        let routes: [(HTTPRequest.Method, String)] = [
            (.get, "/web/region?region=\(regionID)"), (.get, "/web/region/subsidy.csv?region=\(regionID)"), (.post, "/web/region/new"),
            (.post, "/web/region/\(regionID)/invite"), (.post, "/web/region/\(regionID)/remove/1399900101_43"),
            (.post, "/web/region/\(regionID)/propose"), (.post, "/web/region/\(regionID)/estimate"),
        ]
        try await SeededRegion.test { client in
            let cm = try #require(try await webLogin(client, "cm", HubDemo.password))
            let operatorCookie = try #require(try await webLogin(client, "hub-operator", "operator-password-1", landing: "/web/operator/licences"))
            let pref = try #require(try await webLogin(client, HubDemo.prefectureLogin, HubDemo.password, landing: "/web/region"))
            let other = try #require(try await webLogin(client, "other-city", "region-password-1", landing: "/web/region"))
            let osaka = try #require(try await webLogin(client, "osaka", "region-password-1", landing: "/web/region"))
            for (method, path) in routes {
                var headers = formHeaders
                let anonymous = try await client.execute(uri: path, method: method, headers: headers) { $0 }
                #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/web/login", "\(method) \(path)")
                for cookie in [cm, operatorCookie] {
                    headers[.cookie] = cookie
                    #expect(try await client.execute(uri: path, method: method, headers: headers) { $0.status } == .forbidden, "\(method) \(path)")
                }
                // Authorities elsewhere do not even learn that the region exists (creating one of their own is theirs).
                for cookie in [other, osaka] where path != "/web/region/new" {
                    headers[.cookie] = cookie
                    #expect(try await client.execute(uri: path, method: method, headers: headers) { $0.status } == .notFound, "\(method) \(path)")
                }
                // The prefecture reads, and changes nothing.
                headers[.cookie] = pref
                let status = try await client.execute(uri: path, method: method, headers: headers) { $0.status }
                #expect(status == (method == .get ? .ok : .forbidden), "\(method) \(path): \(status)")
            }
            // The prefecture's overview lists the region with its numbers; Osaka's lists nothing.
            let overview = try await client.execute(uri: "/web/region", method: .get, headers: [.cookie: pref]) { String(buffer: $0.body) }
            #expect(overview.contains("さくら市モデル地域") && overview.contains("<table id=\"regions\">"))
            #expect(try await client.execute(uri: "/web/region", method: .get, headers: [.cookie: osaka]) { String(buffer: $0.body) }.contains("id=\"no-regions\""))
            // An authority's session opens no office page and no API route.
            let city = try #require(try await webLogin(client, HubDemo.cityLogin, HubDemo.password, landing: "/web/region"))
            for path in ["/web/outbox", "/web/partners", "/web/month", "/web/settings", "/web/send", "/web/paper", "/web/settings/software"] {
                #expect(try await client.execute(uri: path, method: .get, headers: [.cookie: city]) { $0.status } == .forbidden, "\(path)")
            }
            // The inbox (where `/` and `/web` lead) sends it on to its own page, showing nothing of an office.
            let inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: city]) { ($0.status, $0.headers[.location]) }
            #expect(inbox.0 == .seeOther && inbox.1 == "/web/region")
            // No user and no file reaches an authority: none of the 60 seeded users' names or 被保険者番号 appear on the
            // municipality's or the prefecture's pages, or in the CSV.
            var seen: [String] = []
            for (cookie, path) in [(city, "/web/region?region=\(regionID)"), (pref, "/web/region"), (pref, "/web/region?region=\(regionID)"),
                                   (city, "/web/region/subsidy.csv?region=\(regionID)")] {
                seen.append(try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) })
            }
            let users = (0..<20).flatMap { group in
                var factory = SampleFactory(month: YearMonth(year: 2026, month: 11)!, userCount: 3, seed: UInt64(3000 + group))
                factory.firstUser = 100 + 3 * group
                return factory.users
            }
            #expect(Set(users.map(\.insuredNumber)).count == 60)
            for page in seen {
                for user in users { #expect(!page.contains(user.insuredNumber) && !page.contains(user.name), "\(user.name)") }
                #expect(!page.contains("UPPLAN") && !page.contains(".CSV"))
            }
        }
    }

    @Test("the region pages and the partners page's region part in English: only data left in Japanese")
    func englishPages() async throws {
        let offices = HubDemo.regionOffices.map(\.name) + ["神田ヘルパーステーション", "さくら市モデル地域", "さくら市", "東京都", "日本語", "さくら"]
            + ["ちよだ居宅介護支援センター", "麹町デイサービス", "番町福祉用具センター", "さくら市モデル地域のお試し", HubDemo.newOffice.name, "さくら市モデル地域事業"]
            // The ministry's notice is cited by its Japanese title.
            + ["介護保険最新情報"]
        let data = offices + ServiceType.all.map(\.name)
        try await SeededRegion.test { client in
            let city = try #require(try await webLogin(client, HubDemo.cityLogin, HubDemo.password, landing: "/web/region"))
            let pref = try #require(try await webLogin(client, HubDemo.prefectureLogin, HubDemo.password, landing: "/web/region"))
            let cm3 = try #require(try await webLogin(client, "s-cm3", HubDemo.password))
            let equip3 = try #require(try await webLogin(client, "s-equip3", HubDemo.password))
            let hubOperator = try #require(try await webLogin(client, HubDemo.operatorLogin, HubDemo.password, landing: "/web/operator/licences"))
            let cm4 = try #require(try await webLogin(client, "s-cm4", HubDemo.password))
            for (cookie, path, marker) in [
                (city, "/web/region?q=さくら", "id=\"chart\""), (pref, "/web/region", "id=\"regions\""), (pref, "/web/region?region=1", "id=\"qualifying\""),
                (cm3, "/web/partners", "id=\"proposals\""), (equip3, "/web/partners", "id=\"invitations\""),
                (hubOperator, "/web/operator/licences", "id=\"licences\""), (cm4, "/web/inbox", "id=\"licence\""),
            ] {
                let uri = path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                let html = try await client.execute(uri: uri, method: .get, headers: [.cookie: "\(cookie); careplan_lang=en"]) { String(buffer: $0.body) }
                #expect(html.contains("<html lang=\"en\">") && html.contains(marker), "\(path)")
                let left = PageLanguageTests.japaneseLeft(html, data: data)
                #expect(left.isEmpty, "\(path): \(left)")
            }
        }
    }
}
