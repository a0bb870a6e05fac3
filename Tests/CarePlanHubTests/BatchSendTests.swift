// CarePlan Link — a month's export to every partner at once: the API's batch (dry run, then send, then again) and
// the web's preview and status tables; each unit stored whole or not at all, a refused one not stopping the others.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanExchange
import CarePlanHubStore
import CarePlanAnalysis

@testable import CarePlanHub

@Suite("Batch send")
struct BatchSendTests {
    /// The June 利用票 to each provider its rows name (訪問介護, 通所介護, 福祉用具貸与), each with its own users, as care
    /// software exports a month: one folder of many units (here split from one combined set).
    static func monthExport() throws -> [(name: String, bytes: [UInt8])] {
        try UnitSplitter.split(sampleUnit(.monthlyPlan, users: 6)).units.flatMap(\.files)
    }

    /// The fixture with the 福祉用具 office registered (not yet anyone's partner).
    static func fixture() async throws -> (HubFixture, equipment: Office) {
        let fixture = try await HubFixture.make()
        let equipment = try await fixture.store.createOffice(
            Office(number: SampleOffices.equipment.number, serviceType: "17", name: "番町福祉用具"), audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        return (fixture, equipment)
    }

    private func batch(_ client: any TestClientProtocol, _ files: [(name: String, bytes: [UInt8])], token: String, dryRun: Bool) async throws -> (HTTPResponse.Status, BatchResult?) {
        let (headers, body) = multipart(files)
        return try await client.execute(uri: "/api/v1/batches\(dryRun ? "?dryRun=true" : "")", method: .post, headers: bearer(token, headers), body: body) {
            ($0.status, try? JSONDecoder().decode(BatchResult.self, from: Data($0.body.readableBytesView)))
        }
    }

    @Test("the API: a dry run stores nothing and names the units that cannot go; the send stores each unit on its own; again, nothing new")
    func apiBatch() async throws {
        let (fixture, equipment) = try await Self.fixture()
        try await fixture.test { client in
            let (status, preview) = try await self.batch(client, try Self.monthExport(), token: fixture.careManagerToken, dryRun: true)
            #expect(status == .ok && preview?.dryRun == true)
            #expect(preview?.units.map(\.status) == ["valid", "refused", "refused"])
            #expect(preview?.units.first?.recipientName == "神田ヘルパー（訪問介護・1310100021）" && (preview?.units.first?.users ?? 0) > 0)
            #expect(preview?.units.first?.months == ["202506"])
            #expect(preview?.units.dropFirst().map { $0.error?.code } == ["partner.notLinked", "partner.notLinked"])
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)

            try await link(fixture.careManager, fixture.outsider, store: fixture.store)
            try await link(fixture.careManager, equipment, store: fixture.store)
            let (_, sent) = try await self.batch(client, try Self.monthExport(), token: fixture.careManagerToken, dryRun: false)
            #expect(sent?.units.map(\.status) == ["created", "created", "created"], "\(sent?.units.map { ($0.error?.details ?? []).map { "\($0.rule) \($0.messageEN)" } } ?? [])")
            #expect(sent?.units.allSatisfy { $0.receipt != nil && $0.unit?.label == "2025年6月分 サービス利用票・別表" } == true)
            for office in [fixture.provider, fixture.outsider, equipment] {
                #expect(try await fixture.store.inbox(officeID: office.id, after: nil, states: nil, limit: 10).count == 1, "\(office.name)")
            }
            let (_, again) = try await self.batch(client, try Self.monthExport(), token: fixture.careManagerToken, dryRun: false)
            #expect(again?.units.map(\.status) == ["existing", "existing", "existing"])
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 3)

            // Only true/1/false/0: anything else would be a send the caller did not mean.
            let (files, body) = multipart(try Self.monthExport())
            let odd = try await client.execute(uri: "/api/v1/batches?dryRun=yes", method: .post, headers: bearer(fixture.careManagerToken, files), body: body) { $0.status }
            #expect(odd == .badRequest)
            // A file that names no unit is refused on its own line; the others go.
            var broken = sampleUnit(.monthlyPlan, users: 2, second: 9)
            broken.append(("notes.txt", Array("x".utf8)))
            let (_, mixed) = try await self.batch(client, broken, token: fixture.careManagerToken, dryRun: true)
            #expect(mixed?.units.map(\.status) == ["valid", "refused"] && mixed?.units.last?.key == "notes.txt")
        }
    }

    @Test("more units than limits.maxUnitsPerBatch: a clear 413, nothing stored")
    func tooManyUnits() async throws {
        let fixture = try await HubFixture.make { $0.limits.maxUnitsPerBatch = 2 }
        try await link(fixture.careManager, fixture.outsider, store: fixture.store)
        try await fixture.test { client in
            let files = (0..<3).flatMap { sampleUnit(.monthlyPlan, users: 1, second: $0) }
            let (headers, body) = multipart(files)
            try await client.execute(uri: "/api/v1/batches", method: .post, headers: bearer(fixture.careManagerToken, headers), body: body) { response in
                #expect(response.status == .contentTooLarge && String(buffer: response.body).contains("limit.units"))
            }
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)
        }
    }

    @Test("the web: a folder of three units previews as a table, sends the ones that can go, and shows each outcome")
    func webBatch() async throws {
        let (fixture, equipment) = try await Self.fixture()
        try await link(fixture.careManager, equipment, store: fixture.store)
        try await fixture.passwordAccount("cm", "batch password", office: fixture.careManager)
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "cm", "batch password"))
            // As Chromium sends a folder: each file named by its path in the folder, with a hidden file beside them.
            var files = try Self.monthExport().map { (name: "export-202506/" + $0.name, bytes: $0.bytes) }
            files.append(("export-202506/.DS_Store", [0]))
            let (headers, body) = multipart(files)
            var withCookie = headers
            withCookie[.cookie] = cookie
            let html = try await client.execute(uri: "/web/send", method: .post, headers: withCookie, body: body) { String(buffer: $0.body) }
            #expect(html.contains("まとめて送信（確認）") && html.contains("送信単位 3件のうち、送信できるもの 2件・送れないもの 1件"))
            #expect(html.contains("麹町デイ（通所介護・1310100039）は連携先ではありません"))
            #expect(html.contains("送信できる2件を送信する"))
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)

            // The confirmation carries back only the files of the units that can go.
            let fields = hiddenFields(html)
            #expect(fields.filter { $0.name == "encoded" }.count == 6, "the 3 files of each of the 2 units")
            let (confirmHeaders, confirmBody) = multipart([], fields: fields)
            var confirmWithCookie = confirmHeaders
            confirmWithCookie[.cookie] = cookie
            let result = try await client.execute(uri: "/web/send", method: .post, headers: confirmWithCookie, body: confirmBody) { String(buffer: $0.body) }
            #expect(result.contains("まとめて送信（結果）") && result.contains("送信しました 2件"))
            let sent = try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10)
            #expect(sent.count == 2 && sent.allSatisfy { result.contains("/web/units/\($0.unit.id)") })
        }
    }

    @Test("an invalid unit in a batch: the sender's page groups its problems with the user and the value; the API's answer has neither")
    func invalidUnitInBatch() async throws {
        let (fixture, equipment) = try await Self.fixture()
        try await link(fixture.careManager, equipment, store: fixture.store)
        try await link(fixture.careManager, fixture.outsider, store: fixture.store)
        try await fixture.passwordAccount("cm", "batch password", office: fixture.careManager)
        // Every 第6表 row of the first unit gets a 保険者番号 with a letter.
        var files = try Self.monthExport()
        let index = try #require(files.firstIndex { $0.name.hasPrefix("UPPLAN") })
        let plan = try #require(try CarePlanDocument.read(bytes: files[index].bytes, fileName: files[index].name).records as? [ServiceUsePlanRecord])
        let insurer = plan[0].insurerNumber
        let text = try MS932.decode(files[index].bytes).replacingOccurrences(of: "202407,\(insurer),", with: "202407,\(insurer.prefix(5))X,")
        files[index].bytes = try MS932.encode(text).bytes
        let export = files
        try await fixture.test { client in
            let (_, preview) = try await self.batch(client, export, token: fixture.careManagerToken, dryRun: true)
            let refused = try #require(preview?.units.first { $0.status == "refused" })
            #expect(refused.error?.groups?.first?.count == plan.count)
            #expect(refused.senderDetails == nil, "decoded from the API's JSON: never encoded")
            let (headers, body) = multipart(export)
            let raw = try await client.execute(uri: "/api/v1/batches?dryRun=true", method: .post, headers: bearer(fixture.careManagerToken, headers), body: body) { String(buffer: $0.body) }
            #expect(!raw.contains(plan[0].insuredNumber) && !raw.contains("\(insurer.prefix(5))X"))

            let cookie = try #require(try await webLogin(client, "cm", "batch password"))
            var withCookie = headers
            withCookie[.cookie] = cookie
            let html = try await client.execute(uri: "/web/send", method: .post, headers: withCookie, body: body) { String(buffer: $0.body) }
            #expect(html.contains("（\(plan.count)件）") && html.contains("被保険者番号 \(plan[0].insuredNumber)") && html.contains("値「\(insurer.prefix(5))X」"))
        }
    }

    @Test("the web's split: one combined set becomes a unit per recipient, each with only its users, previewed before sending")
    func webSplit() async throws {
        let (fixture, equipment) = try await Self.fixture()
        try await link(fixture.careManager, fixture.outsider, store: fixture.store)
        try await link(fixture.careManager, equipment, store: fixture.store)
        try await fixture.passwordAccount("cm", "batch password", office: fixture.careManager)
        try await fixture.test { client in
            let cookie = try #require(try await webLogin(client, "cm", "batch password"))
            let (headers, body) = multipart(sampleUnit(.monthlyPlan, users: 6), fields: [("split", "1")])
            var withCookie = headers
            withCookie[.cookie] = cookie
            let html = try await client.execute(uri: "/web/send", method: .post, headers: withCookie, body: body) { String(buffer: $0.body) }
            #expect(html.contains("送信単位 3件のうち、送信できるもの 3件・送れないもの 0件"), "\(html.suffix(2000))")
            for name in ["神田ヘルパー（訪問介護・1310100021）", "麹町デイ（通所介護・1310100039）", "番町福祉用具（福祉用具貸与・1310100047）"] {
                #expect(html.contains("<td>\(name)</td>"), "\(name)")
            }
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)
            // A set the split cannot take (no 第6表) is refused on the send page.
            let (badHeaders, badBody) = multipart(sampleUnit(.carePlan, users: 1), fields: [("split", "1")])
            var badWithCookie = badHeaders
            badWithCookie[.cookie] = cookie
            let refused = try await client.execute(uri: "/web/send", method: .post, headers: badWithCookie, body: badBody) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .unprocessableContent && refused.1.contains("分割には第6表（UPPLAN）が必要です"))
        }
    }
}
