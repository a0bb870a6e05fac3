// CarePlan Link — 連携先 over the API: the directory, requests and answers, and that only linked partners can be
// addressed (unless the hub allows any registered office).
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

extension TestClientProtocol {
    /// Sends `body` as JSON with `method`; returns the status and the decoded JSON.
    func sendJSON(_ uri: String, _ method: HTTPRequest.Method, _ body: String, token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await self.execute(
            uri: uri, method: method, headers: bearer(token, [.contentType: "application/json"]), body: ByteBuffer(string: body)
        ) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:])
        }
    }
}

func errorCode(_ json: [String: Any]) -> String? { (json["error"] as? [String: Any])?["code"] as? String }

@Suite("Partners API")
struct PartnerAPITests {
    /// The day service's 実績 addressed to the care manager (the outsider is no one's partner).
    static func dayServiceResults(second: Int = 3) -> [(name: String, bytes: [UInt8])] {
        sampleUnit(.results, second: second).map { file in
            (file.name.replacingOccurrences(of: SampleOffices.homeHelp.number + "_11", with: SampleOffices.dayService.number + "_15"), file.bytes)
        }
    }

    @Test("an unlinked office cannot address the care manager; after its request is accepted it can; after removal it cannot again")
    func addressingFollowsTheLink() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            let (refused, json) = try await client.upload(Self.dayServiceResults(), token: fixture.outsiderToken)
            #expect(refused == .forbidden && errorCode(json) == "partner.notLinked")
            let message = (json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.hasPrefix("送信先のちよだ居宅（居宅介護支援・1310100012）は連携先ではありません"))
            #expect(try await fixture.store.inbox(officeID: fixture.careManager.id, after: nil, states: nil, limit: 10).isEmpty)

            // The day service asks; the care manager sees it as 承認待ち and accepts.
            let (asked, request) = try await client.sendJSON("/api/v1/partners", .post, #"{"office": "1310100012_43"}"#, token: fixture.outsiderToken)
            #expect(asked == .created && request["state"] as? String == "requested" && request["stateLabel"] as? String == "申請中")
            #expect((request["office"] as? [String: Any])?["label"] as? String == "ちよだ居宅（居宅介護支援・1310100012）")
            // Still not linked: a request is not a link.
            #expect(try await client.upload(Self.dayServiceResults(), token: fixture.outsiderToken).0 == .forbidden)
            let (_, list) = try await client.getJSON("/api/v1/partners", token: fixture.careManagerToken)
            let partners = (list as? [String: Any])?["partners"] as? [[String: Any]] ?? []
            #expect(partners.map { $0["state"] as? String } == ["linked", "incoming"])
            #expect((list as? [String: Any])?["addressing"] as? String == "linkedPartners")
            let (accepted, link) = try await client.sendJSON("/api/v1/partners/1310100039_15/accept", .post, "", token: fixture.careManagerToken)
            #expect(accepted == .ok && link["state"] as? String == "linked")

            let (sent, _) = try await client.upload(Self.dayServiceResults(), token: fixture.outsiderToken)
            #expect(sent == .created)

            // Either side may end it; then the next unit is refused again.
            #expect(try await client.sendJSON("/api/v1/partners/1310100039_15", .delete, "", token: fixture.careManagerToken).0 == .noContent)
            let (again, againJSON) = try await client.upload(Self.dayServiceResults(second: 5), token: fixture.outsiderToken)
            #expect(again == .forbidden && errorCode(againJSON) == "partner.notLinked")
        }
        let actions = try await fixture.store.auditEntries(from: 1, limit: 1000).map(\.action)
        #expect(actions.filter { $0.hasPrefix("partner.") }.suffix(3) == ["partner.request", "partner.accept", "partner.remove"])
    }

    @Test("a declined request is shown to both sides, and accepting it afterwards is refused")
    func declined() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            _ = try await client.sendJSON("/api/v1/partners", .post, #"{"id": \#(fixture.careManager.id)}"#, token: fixture.outsiderToken)
            let (declined, view) = try await client.sendJSON("/api/v1/partners/1310100039_15/decline", .post, "", token: fixture.careManagerToken)
            #expect(declined == .ok && view["state"] as? String == "declinedByYou" && view["stateLabel"] as? String == "辞退しました")
            let (_, theirs) = try await client.getJSON("/api/v1/partners", token: fixture.outsiderToken)
            let states = ((theirs as? [String: Any])?["partners"] as? [[String: Any]] ?? []).map { $0["stateLabel"] as? String }
            #expect(states == ["辞退されました"])
            let (late, lateJSON) = try await client.sendJSON("/api/v1/partners/1310100039_15/accept", .post, "", token: fixture.careManagerToken)
            #expect(late == .conflict && errorCode(lateJSON) == "partner.noRequest")
            #expect(try await client.upload(Self.dayServiceResults(), token: fixture.outsiderToken).0 == .forbidden)
        }
    }

    @Test("the directory: by name, number (full-width too), municipality and type, with the caller's standing; limits checked")
    func directory() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            func offices(_ query: String) async throws -> [[String: Any]] {
                let (status, json) = try await client.getJSON("/api/v1/offices?\(query)", token: fixture.careManagerToken)
                #expect(status == .ok, "\(query)")
                return (json as? [String: Any])?["offices"] as? [[String: Any]] ?? []
            }
            let all = try await offices("")
            #expect(all.map { $0["office"] as? String } == ["1310100012_43", "1310100021_11", "1310100039_15"])
            #expect(all.map { $0["partnerState"] as? String } == [nil, "linked", nil])
            #expect(all[1]["serviceTypeName"] as? String == "訪問介護" && all[1]["name"] as? String == "神田ヘルパー")
            let query = "q=" + "ヘルパー".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await offices(query).map { $0["office"] as? String } == ["1310100021_11"])
            let fullWidth = "q=" + "１３１０１０００３".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await offices(fullWidth).map { $0["office"] as? String } == ["1310100039_15"])
            #expect(try await offices("serviceType=15").map { $0["office"] as? String } == ["1310100039_15"])
            #expect(try await offices("municipality=2720").isEmpty)
            let (_, page) = try await client.getJSON("/api/v1/offices?limit=2", token: fixture.careManagerToken)
            #expect((page as? [String: Any])?["truncated"] as? Bool == true)
            for bad in ["limit=0", "limit=201", "limit=x"] {
                #expect(try await client.getJSON("/api/v1/offices?\(bad)", token: fixture.careManagerToken).0 == .badRequest, "\(bad)")
            }
        }
    }

    @Test("bad requests: the office itself, an unknown or malformed office, a bad body, a favourite that is not linked")
    func refusals() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            let token = fixture.careManagerToken
            for (body, status, code) in [
                (#"{"office": "1310100012_43"}"#, HTTPResponse.Status.badRequest, "partner.self"),
                (#"{"office": "1310100999_11"}"#, .notFound, "office.notFound"),
                (#"{"office": "13101_11"}"#, .badRequest, "office.malformed"),
                (#"{"office": "1310100021"}"#, .badRequest, "office.malformed"),
                (#"{"id": 999}"#, .notFound, "office.notFound"),
                (#"{"nothing": 1}"#, .badRequest, "partner.malformed"),
                ("not json", .badRequest, "partner.malformed"),
            ] {
                let (answered, json) = try await client.sendJSON("/api/v1/partners", .post, body, token: token)
                #expect(answered == status && errorCode(json) == code, "\(body)")
            }
            let (unlinked, json) = try await client.sendJSON("/api/v1/partners/1310100039_15/favourite", .post, #"{"favourite": true}"#, token: token)
            #expect(unlinked == .conflict && errorCode(json) == "partner.notLinked")
            let (bad, badJSON) = try await client.sendJSON("/api/v1/partners/1310100021_11/favourite", .post, #"{"favourite": "yes"}"#, token: token)
            #expect(bad == .badRequest && errorCode(badJSON) == "favourite.malformed")
            let (starred, view) = try await client.sendJSON("/api/v1/partners/1310100021_11/favourite", .post, #"{"favourite": true}"#, token: token)
            #expect(starred == .ok && view["favourite"] as? Bool == true)
            // The provider's own view is not starred.
            let (_, theirs) = try await client.getJSON("/api/v1/partners", token: fixture.providerToken)
            #expect(((theirs as? [String: Any])?["partners"] as? [[String: Any]])?.first?["favourite"] as? Bool == false)
            let (gone, goneJSON) = try await client.sendJSON("/api/v1/partners/1310100039_15", .delete, "", token: token)
            #expect(gone == .notFound && errorCode(goneJSON) == "partner.notFound")
            // Asking a linked partner again changes nothing.
            #expect(try await client.sendJSON("/api/v1/partners", .post, #"{"office": "1310100021_11"}"#, token: token).0 == .ok)
        }
    }

    @Test("with partners.addressing = anyRegisteredOffice any registered office can be addressed")
    func anyRegisteredOffice() async throws {
        let fixture = try await HubFixture.make { $0.partners.addressing = .anyRegisteredOffice }
        try await fixture.test { client in
            #expect(try await client.upload(Self.dayServiceResults(), token: fixture.outsiderToken).0 == .created)
            let (_, list) = try await client.getJSON("/api/v1/partners", token: fixture.outsiderToken)
            #expect((list as? [String: Any])?["addressing"] as? String == "anyRegisteredOffice")
        }
    }

    @Test("units name both offices in words and say what they are")
    func unitsInWords() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            let (_, json) = try await client.upload(sampleUnit(.monthlyPlan), token: fixture.careManagerToken)
            let unit = json["unit"] as? [String: Any] ?? [:]
            #expect(unit["senderName"] as? String == "ちよだ居宅（居宅介護支援・1310100012）")
            #expect(unit["recipientName"] as? String == "神田ヘルパー（訪問介護・1310100021）")
            #expect((unit["label"] as? String)?.contains("サービス利用票") == true)
        }
    }
}
