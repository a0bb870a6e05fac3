// CarePlan Link — inbox and outbox filters over the API and the web: 対象年月, partner, state, kind and user (by
// 被保険者番号, through the keyed user index), with clear 400s for malformed values.
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

@Suite("Listing filters")
struct ListingFilterTests {
    static let june = YearMonth(year: 2025, month: 6)!
    static let july = YearMonth(year: 2025, month: 7)!

    /// June's 利用票 for two users, July's for three, and June's 実績 back from the provider.
    private func fixture() async throws -> (HubFixture, june: String, july: String, results: String) {
        let fixture = try await HubFixture.make()
        let june = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 2, month: Self.june), from: fixture.careManager, actor: "test")
        fixture.clock.advance(days: 1)
        let july = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 3, second: 1, month: Self.july), from: fixture.careManager, actor: "test")
        fixture.clock.advance(days: 1)
        let results = try await fixture.hub.submit(sampleUnit(.results, users: 2, second: 2, month: Self.june), from: fixture.provider, actor: "test")
        return (fixture, june.id, july.id, results.id)
    }

    private func ids(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> [String] {
        let (status, json) = try await client.getJSON(uri, token: token)
        #expect(status == .ok, "\(uri)")
        return ((json as? [String: Any])?["units"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("the API filters by month, kind, partner, state and 被保険者番号; malformed values are 400s naming them")
    func apiFilters() async throws {
        let (fixture, june, july, results) = try await self.fixture()
        let users = SampleFactory(month: Self.july, userCount: 3).users.map(\.insuredNumber)
        let onlyJuly = try #require(users.first { !SampleFactory(month: Self.june, userCount: 2).users.map(\.insuredNumber).contains($0) })
        try await fixture.test { client in
            let provider = fixture.providerToken
            #expect(try await self.ids(client, "/api/v1/inbox", provider) == [june, july])
            #expect(try await self.ids(client, "/api/v1/inbox?month=202506", provider) == [june])
            #expect(try await self.ids(client, "/api/v1/inbox?month=2025-07", provider) == [july])
            #expect(try await self.ids(client, "/api/v1/inbox?kind=results", provider).isEmpty)
            #expect(try await self.ids(client, "/api/v1/outbox?kind=results", provider) == [results])
            #expect(try await self.ids(client, "/api/v1/inbox?kind=UPSIKYU&partner=1310100012_43", provider) == [june, july])
            #expect(try await self.ids(client, "/api/v1/inbox?state=imported", provider).isEmpty)
            #expect(try await self.ids(client, "/api/v1/inbox?user=\(users[0])", provider) == [june, july])
            #expect(try await self.ids(client, "/api/v1/inbox?user=\(onlyJuly)", provider) == [july])
            // Full-width digits, as typed on a Japanese keyboard.
            let wide = String(onlyJuly.map { $0.isNumber ? Character(UnicodeScalar($0.unicodeScalars.first!.value + 0xFEE0)!) : $0 })
            #expect(try await self.ids(client, "/api/v1/inbox?user=\(wide.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", provider) == [july])
            #expect(try await self.ids(client, "/api/v1/outbox?user=\(users[0])&month=202506", fixture.careManagerToken) == [june])
            // Empty values are no filter.
            #expect(try await self.ids(client, "/api/v1/inbox?month=&user=", provider) == [june, july])
            for (query, code) in [
                ("month=2025", "query.month"), ("month=202513", "query.month"), ("partner=1310100999_11", "query.partner"),
                ("partner=abc", "query.partner"), ("kind=paper", "query.kind"), ("user=12345678901", "query.user"), ("state=read", "query.state"),
            ] {
                let (status, json) = try await client.getJSON("/api/v1/inbox?\(query)", token: provider)
                #expect(status == .badRequest && ((json as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == code, "\(query)")
            }
        }
    }

    @Test("the inbox page filters with a form that keeps its choices, shows users per unit, and pages with the filters")
    func webFilters() async throws {
        let (fixture, june, july, _) = try await self.fixture()
        try await fixture.passwordAccount("helper", "filter password")
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "helper", "filter password"))
            let (status, html) = try await client.execute(uri: "/web/inbox?month=202507&kind=usePlan&partner=1310100012_43", method: .get, headers: [.cookie: cookie]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(status == .ok)
            #expect(html.contains("/web/units/\(july)") && !html.contains("/web/units/\(june)"))
            #expect(html.contains("<input name=\"month\" value=\"202507\""))
            #expect(html.contains("<option value=\"usePlan\" selected>サービス利用票・別表</option>"))
            #expect(html.contains("<option value=\"1310100012_43\" selected>ちよだ居宅（居宅介護支援・1310100012）</option>"))
            #expect(html.contains("<td class=\"optional number\">3人</td>"))
            #expect(html.contains("絞り込みを解除"))
            let (_, none) = try await client.execute(uri: "/web/inbox?month=202501", method: .get, headers: [.cookie: cookie]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(none.contains("条件に合う送信単位はありません"))
            let (bad, badHTML) = try await client.execute(uri: "/web/inbox?month=June", method: .get, headers: [.cookie: cookie]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(bad == .badRequest && badHTML.contains("対象年月は YYYYMM") && badHTML.contains("<a href=\"/web/partners\">連携先</a>"))
        }
    }
}
