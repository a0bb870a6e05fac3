// CarePlan Link — partners not on the network: recorded by an office, a month's forms made for one (with a FAX
// 送付状), the delivery recorded, and the month listing it beside the networked partners.
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

@Suite("Paper partners")
struct PaperPartnerTests {
    private func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    @Test("record the 福祉用具 office as a paper partner, make its part of a combined month with a FAX 送付状, record 「FAX送信済」, see it in the month")
    func paperMonth() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("cm", "paper password", office: fixture.careManager)
        try await fixture.passwordAccount("day", "paper password", office: fixture.outsider)
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "cm", "paper password"))
            let headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            // An office on the network is refused: it should be asked as a partner.
            let onNetwork = try await client.execute(
                uri: "/web/partners/paper", method: .post, headers: headers, body: self.form(["office": "1310100039_15", "name": "麹町デイ"])) { ($0.status, String(buffer: $0.body)) }
            #expect(onNetwork.0 == .conflict && onNetwork.1.contains("ハブに登録されています"))
            let added = try await client.execute(
                uri: "/web/partners/paper", method: .post, headers: headers,
                body: self.form(["office": "1310100047_17", "name": "番町福祉用具", "fax": "03-0000-0047", "address": "千代田区番町"])) { ($0.status, $0.headers[.location]) }
            #expect(added.0 == .seeOther && added.1 == "/web/partners?done=paperAdded")
            let page = try await client.execute(uri: "/web/partners", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("番町福祉用具（福祉用具貸与・1310100047）") && page.contains("03-0000-0047"))
            let partner = try #require(try await fixture.store.paperPartners(officeID: fixture.careManager.id).first)

            // The combined export of six users: the 福祉用具 office's part is its users only.
            let combined = sampleUnit(.monthlyPlan, users: 6)
            let (uploadHeaders, uploadBody) = multipart(combined, fields: [("partner", String(partner.id))])
            var withCookie = uploadHeaders
            withCookie[.cookie] = cookie
            let preview = try await client.execute(uri: "/web/paper", method: .post, headers: withCookie, body: uploadBody) { String(buffer: $0.body) }
            #expect(preview.contains("2025年6月") && preview.contains("FAX送信済にする"))
            let fields = hiddenFields(preview)
            // Each of the page's forms carries the files: one form's worth.
            var seen = Set<String>()
            let encoded = fields.filter { $0.name == "encoded" && seen.insert($0.value).inserted }
            #expect(!encoded.isEmpty && encoded.allSatisfy { $0.value.contains("_1310100047_17_") })
            func action(_ name: String) async throws -> (HTTPResponse.Status, HTTPFields, String) {
                let (headers, body) = multipart([], fields: [("partner", String(partner.id)), ("action", name)] + encoded)
                var all = headers
                all[.cookie] = cookie
                return try await client.execute(uri: "/web/paper", method: .post, headers: all, body: body) { ($0.status, $0.headers, String(buffer: $0.body)) }
            }
            let html = try await action("html")
            #expect(html.0 == .ok, "\(html.2.components(separatedBy: "<main>").last?.prefix(400) ?? "")")
            #expect(html.2.contains("data-form=\"paper-cover\"") && html.2.contains("FAX 03-0000-0047") && html.2.contains("data-form=\"service-use\""))
            let recorded = try await action("fax")
            #expect(recorded.0 == .seeOther && recorded.1[.location] == "/web/month?month=202506")

            let month = try await client.execute(uri: "/api/v1/month?month=202506", method: .get, headers: bearer(fixture.careManagerToken)) {
                try JSONDecoder().decode(MonthView.self, from: Data($0.body.readableBytesView))
            }
            let paperRows = month.rows.filter { $0.plan?.direction == "paper" }
            #expect(!paperRows.isEmpty && paperRows.allSatisfy { $0.partnerName == "番町福祉用具（ネットワーク外）" && ($0.plan?.stateLabel.hasPrefix("FAX送信済") ?? false) })
            #expect(paperRows.allSatisfy { $0.plan?.stateLabel.hasSuffix("（cm）") ?? false })
            let monthPage = try await client.execute(uri: "/web/month?month=202506", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(monthPage.contains("番町福祉用具（ネットワーク外）") && monthPage.contains("紙で送付"))

            // Another office sees nothing of it, and cannot use the partner's id.
            let day = try #require(try await webLogin(client, "day", "paper password"))
            let theirs = try await client.execute(uri: "/web/partners", method: .get, headers: [.cookie: day]) { String(buffer: $0.body) }
            #expect(!theirs.contains("番町福祉用具"))
            let (dayHeaders, dayBody) = multipart(combined, fields: [("partner", String(partner.id))])
            var dayAll = dayHeaders
            dayAll[.cookie] = day
            #expect(try await client.execute(uri: "/web/paper", method: .post, headers: dayAll, body: dayBody) { $0.status } == .notFound)
            // Removing the partner keeps what went on paper: the month still lists it.
            let removed = try await client.execute(uri: "/web/partners/paper/\(partner.id)/remove", method: .post, headers: [.cookie: cookie]) { $0.headers[.location] }
            #expect(removed == "/web/partners?done=paperRemoved")
            let after = try await client.execute(uri: "/api/v1/month?month=202506", method: .get, headers: bearer(fixture.careManagerToken)) {
                try JSONDecoder().decode(MonthView.self, from: Data($0.body.readableBytesView))
            }
            #expect(after.rows.filter { $0.plan?.direction == "paper" }.count == paperRows.count)
        }
        let actions = try await fixture.store.auditEntries(from: 1, limit: 1000).map(\.action)
        #expect(actions.contains("paper.add") && actions.contains("paper.fax"))
    }
}
