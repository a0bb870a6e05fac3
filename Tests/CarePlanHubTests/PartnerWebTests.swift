// CarePlan Link — 連携先 in the browser: the page, the directory's search, asking, answering, favourites, removal
// after a confirmation, and the send page's refusal for an office that is not a partner (in Japanese only).
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

@Suite("Partners on the web")
struct PartnerWebTests {
    /// The fixture with password logins: 「cm」 for the care manager, 「day」 for the day service (no one's partner).
    private func fixture() async throws -> HubFixture {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("cm", "partner password", office: fixture.careManager)
        try await fixture.passwordAccount("day", "partner password", office: fixture.outsider)
        return fixture
    }

    private func page(_ client: any TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    private func post(_ client: any TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String?) {
        try await client.execute(uri: uri, method: .post, headers: [.cookie: cookie]) { ($0.status, $0.headers[.location]) }
    }

    @Test("the day service finds the care manager, asks; the care manager accepts, stars and removes the link after a confirmation")
    func requestAcceptFavouriteRemove() async throws {
        let fixture = try await self.fixture()
        try await fixture.test { client in
            let day = try #require(try await webLogin(client, "day", "partner password"))
            let cm = try #require(try await webLogin(client, "cm", "partner password"))
            let (_, empty) = try await self.page(client, "/web/partners", day)
            #expect(empty.contains("連携中の事業所はまだありません") && empty.contains("<a href=\"/web/partners\">連携先</a>"))
            let query = "ちよだ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (_, found) = try await self.page(client, "/web/partners?q=\(query)&serviceType=", day)
            #expect(found.contains("ちよだ居宅（居宅介護支援・1310100012）"))
            #expect(found.contains("action=\"/web/partners/1310100012_43/request\""))
            // Asked from another site: refused, nothing stored.
            try await client.execute(
                uri: "/web/partners/1310100012_43/request", method: .post, headers: [.cookie: day, .origin: "https://evil.example"]
            ) { #expect($0.status == .forbidden) }
            #expect(try await fixture.store.partnership(between: fixture.outsider.id, and: fixture.careManager.id) == nil)
            let asked = try await self.post(client, "/web/partners/1310100012_43/request", day)
            #expect(asked.0 == .seeOther && asked.1 == "/web/partners?done=requested")
            let (_, mine) = try await self.page(client, "/web/partners?done=requested", day)
            #expect(mine.contains("連携を申請しました") && mine.contains("<td>申請中</td>") && mine.contains("申請を取り下げる"))

            let (_, incoming) = try await self.page(client, "/web/partners", cm)
            #expect(incoming.contains("承認待ちの申請") && incoming.contains("action=\"/web/partners/1310100039_15/accept\""))
            #expect(try await self.post(client, "/web/partners/1310100039_15/accept", cm).1 == "/web/partners?done=accepted")
            #expect(try await fixture.store.partnership(between: fixture.outsider.id, and: fixture.careManager.id)?.state == .linked)
            // Accepting twice is a clear refusal on a page with the office's navigation.
            let (again, _) = try await self.post(client, "/web/partners/1310100039_15/accept", cm)
            #expect(again == .conflict)

            #expect(try await self.post(client, "/web/partners/1310100039_15/favourite", cm).1 == "/web/partners?done=favourite")
            let (_, starred) = try await self.page(client, "/web/partners", cm)
            // Favourites first: the day service (1310100039) before the provider (1310100021).
            let star = try #require(starred.range(of: "★ </span>麹町デイ"))
            let provider = try #require(starred.range(of: "神田ヘルパー（訪問介護・1310100021）"))
            #expect(star.lowerBound < provider.lowerBound)

            let (_, confirm) = try await self.page(client, "/web/partners/1310100039_15/remove", cm)
            #expect(confirm.contains("連携を解除する") && confirm.contains("麹町デイ（通所介護・1310100039）") && confirm.contains("action=\"/web/partners/1310100039_15/remove\""))
            #expect(try await self.post(client, "/web/partners/1310100039_15/remove", cm).1 == "/web/partners?done=removed")
            #expect(try await fixture.store.partnership(between: fixture.outsider.id, and: fixture.careManager.id) == nil)
        }
    }

    @Test("sending to an office that is not a partner: the send page says why in Japanese, with nothing stored")
    func sendRefusedInJapanese() async throws {
        let fixture = try await self.fixture()
        try await fixture.test { client in
            let day = try #require(try await webLogin(client, "day", "partner password"))
            let files = PartnerAPITests.dayServiceResults()
            let (headers, body) = multipart(files)
            var all = headers
            all[.cookie] = day
            try await client.execute(uri: "/web/send", method: .post, headers: all, body: body) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .forbidden)
                #expect(html.contains("送信先のちよだ居宅（居宅介護支援・1310100012）は連携先ではありません"))
                #expect(!html.contains("is not a linked partner"))
                #expect(html.contains("<a href=\"/web/partners\">連携先</a>"))
            }
            #expect(try await fixture.store.inbox(officeID: fixture.careManager.id, after: nil, states: nil, limit: 10).isEmpty)
        }
    }

    @Test("an unknown office in the path is a clear 404 page; without a session the page leads to the login")
    func refusals() async throws {
        let fixture = try await self.fixture()
        try await fixture.test { client in
            try await client.execute(uri: "/web/partners", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/web/login") == true)
            }
            try await client.execute(uri: "/web/partners/1310100012_43/request", method: .post) { response in
                #expect(response.status == .seeOther || response.status == .unauthorized)
            }
            #expect(try await fixture.store.partnership(between: fixture.outsider.id, and: fixture.careManager.id) == nil)
            let day = try #require(try await webLogin(client, "day", "partner password"))
            let (status, html) = try await self.page(client, "/web/partners/1310100999_11/remove", day)
            #expect(status == .notFound && html.contains("その事業所はハブに登録されていません") && !html.contains("no such office"))
        }
    }
}
