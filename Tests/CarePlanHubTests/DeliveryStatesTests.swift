// CarePlan Link — what the delivery states mean (issue 11): misaddressed and incomplete units refused, warnings in the
// answer, 取込不可 with redacted problems shown to the sender, withdrawal, expiry times, the history of a ファイル連番.
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

@Suite("Delivery states")
struct DeliveryStatesTests {
    /// The files of `files` renamed to another recipient office.
    static func readdressed(_ files: [(name: String, bytes: [UInt8])], to office: OfficeID) -> [(name: String, bytes: [UInt8])] {
        files.map { ($0.name.replacingOccurrences(of: "_\(SampleOffices.homeHelp.number)_\(SampleOffices.homeHelp.serviceType!)_", with: "_\(office.number)_\(office.serviceType!)_"), $0.bytes) }
    }

    /// `bytes` with every occurrence of `pattern` replaced (same length, ASCII).
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = 0
        while index + pattern.count <= result.count {
            if Array(result[index..<(index + pattern.count)]) == pattern {
                result.replaceSubrange(index..<(index + pattern.count), with: replacement)
                index += replacement.count
            } else {
                index += 1
            }
        }
        return result
    }

    @Test("a 利用票 renamed to a provider its rows do not name is refused, naming the rule, without the users' values")
    func misaddressedUnitRefused() async throws {
        let fixture = try await HubFixture.make()
        // Another home-help office, registered at the hub, that serves none of the plan's users.
        let other = OfficeID(number: "1310100997", serviceType: "11")
        let stranger = try await fixture.store.createOffice(
            Office(number: other.number, serviceType: other.serviceType!, name: "番町ヘルパー"), audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        try await link(fixture.careManager, stranger, store: fixture.store)
        let files = Self.readdressed(sampleUnit(.monthlyPlan), to: other)
        try await fixture.test { client in
            let (status, json) = try await client.upload(files, token: fixture.careManagerToken)
            #expect(status == .unprocessableContent)
            let details = (json["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []
            let addressing = details.filter { $0["rule"] as? String == Rule.recipientNotInRows.rawValue }
            // Both users of the 第6表 and of the 第7表.
            #expect(addressing.count == 4)
            #expect(addressing.allSatisfy { $0["value"] == nil && ($0["messageJA"] as? String)?.contains(other.number) == true })
        }
        #expect(try await fixture.store.inbox(officeID: stranger.id, after: nil, states: nil, limit: 10).isEmpty)
    }

    @Test("a 第6表 alone is refused naming the missing 第7表 and 補足; the complete unit with the same ファイル連番 is then accepted")
    func incompleteUnitRefused() async throws {
        let fixture = try await HubFixture.make()
        let complete = sampleUnit(.monthlyPlan)
        let alone = complete.filter { $0.name.hasPrefix("UPPLAN") }
        try await fixture.test { client in
            let (status, json) = try await client.upload(alone, token: fixture.careManagerToken)
            #expect(status == .unprocessableContent)
            let details = (json["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []
            let missing = details.filter { $0["rule"] as? String == "unit.composition" }.compactMap { $0["messageJA"] as? String }
            #expect(missing.count == 2 && missing.contains { $0.contains("UPSIKYU") } && missing.contains { $0.contains("UPHOSOKU") })
            let (again, _) = try await client.upload(complete, token: fixture.careManagerToken)
            #expect(again == .created)
        }
    }

    @Test("warnings come back in the upload answer and stay with the unit; the unit says when it expires")
    func warningsAndExpiry() async throws {
        let fixture = try await HubFixture.make()
        // A care plan whose 第1表 names another office as 介護支援事業者 (a warning: the 委託 flow allows it).
        var files = sampleUnit(.carePlan)
        let index = try #require(files.firstIndex { $0.name.hasPrefix("UP1KYO") })
        // Byte-wise: the file is MS932, not UTF-8.
        files[index].bytes = Self.replacing(Array(",\(SampleOffices.careManager.number),".utf8), with: Array(",1310100999,".utf8), in: files[index].bytes)
        let upload = files
        try await fixture.test { client in
            let (status, json) = try await client.upload(upload, token: fixture.careManagerToken)
            #expect(status == .created)
            let unit = try #require(json["unit"] as? [String: Any])
            let warnings = unit["warnings"] as? [[String: Any]] ?? []
            #expect(warnings.contains { $0["rule"] as? String == Rule.senderMismatch.rawValue && $0["severity"] as? String == "warning" })
            // Kept without the values (which may be care data and would outlive the files).
            #expect(!warnings.isEmpty && warnings.allSatisfy { $0["value"] == nil })
            let expires = try #require(unit["expiresAt"] as? String)
            let created = try #require(unit["createdAt"] as? String)
            #expect(ISO8601.seconds(expires)! - ISO8601.seconds(created)! == fixture.hub.configuration.retention.unreadDays * 86_400)
            let id = try #require(unit["id"] as? String)
            let (_, shown) = try await client.getJSON("/api/v1/units/\(id)", token: fixture.providerToken)
            #expect(((shown as? [String: Any])?["warnings"] as? [Any])?.count == warnings.count)
        }
    }

    @Test("取込不可: the recipient's problems reach the sender located and redacted, with a signed receipt; a later import makes it 取込済")
    func importRefusedShownToSender() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.monthlyPlan)
        let unit = try await fixture.hub.submit(files, from: fixture.careManager, actor: "test")
        let plan = try #require(files.first { $0.name.hasPrefix("UPPLAN") }?.name)
        try await fixture.test { client in
            let report = #"""
                {"outcome":"refused","problems":[
                  {"code":"field.required","file":"\#(plan)","row":2,"item":3,"message":"被保険者番号 1234567890 山田太郎","messageEN":"leak"},
                  {"code":"<script>","file":"/etc/passwd","row":-1,"message":"x","messageEN":"x"},
                  {"code":"H1234567890_yamada_taro","file":"\#(plan)","row":19450101,"item":9999}]}
                """#
            func post() async throws -> (HTTPResponse.Status, String) {
                try await client.execute(
                    uri: "/api/v1/units/\(unit.id)/import", method: .post, headers: bearer(fixture.providerToken), body: ByteBuffer(string: report)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            // Not before every file was downloaded.
            let early = try await post()
            #expect(early.0 == .conflict && early.1.contains("unit.notReceived"))
            for file in files {
                _ = try await client.execute(uri: "/api/v1/units/\(unit.id)/files/\(file.name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            }
            let (status, body) = try await post()
            #expect(status == .ok)
            let payload = try ReceiptVerifier.verify(try SignedReceipt(json: body), publicKey: fixture.hub.signer.publicKey)
            #expect(payload.event == "importRefused" && payload.problems?.count == 3)

            let (_, outbox) = try await client.getJSON("/api/v1/outbox", token: fixture.careManagerToken)
            let shown = try #require(((outbox as? [String: Any])?["units"] as? [[String: Any]])?.first)
            #expect(shown["state"] as? String == "importRefused" && shown["stateLabel"] as? String == "取込不可")
            let problems = shown["importProblems"] as? [[String: Any]] ?? []
            #expect(problems.count == 3)
            #expect(problems[0]["code"] as? String == "field.required" && problems[0]["file"] as? String == plan && problems[0]["row"] as? Int == 2)
            #expect(problems[0]["itemName"] as? String == "被保険者番号" && problems[0]["message"] as? String == Rule.required.japanese)
            // What the reporting software wrote is not passed on; an unknown code, a foreign path and a bad row are dropped.
            let text = String(decoding: try JSONSerialization.data(withJSONObject: shown), as: UTF8.self)
            #expect(!text.contains("山田") && !text.contains("1234567890") && !text.contains("leak") && !text.contains("passwd") && !text.contains("script"))
            #expect(problems[1]["code"] as? String == "import.other" && problems[1]["file"] == nil && problems[1]["row"] == nil)
            // A name dressed as a code, a birth date as a row number, an item the layout does not have: none passes.
            #expect(!text.contains("yamada") && !text.contains("19450101") && !text.contains("9999"))
            #expect(problems[2]["code"] as? String == "import.other" && problems[2]["file"] as? String == plan)
            #expect(problems[2]["row"] == nil && problems[2]["item"] == nil)

            // The recipient fixes its side and imports after all (the shortest body: problems may be left out).
            let imported = try await client.execute(
                uri: "/api/v1/units/\(unit.id)/import", method: .post, headers: bearer(fixture.providerToken), body: ByteBuffer(string: #"{"outcome":"imported"}"#)
            ) { $0.status }
            #expect(imported == .ok)
            let (_, after) = try await client.getJSON("/api/v1/units/\(unit.id)", token: fixture.careManagerToken)
            #expect((after as? [String: Any])?["state"] as? String == "imported" && (after as? [String: Any])?["importProblems"] == nil)
            // 取込済 cannot turn into 取込不可.
            let (late, lateBody) = try await post()
            #expect(late == .conflict && lateBody.contains("unit.alreadyImported"))
            let malformed = try await client.execute(
                uri: "/api/v1/units/\(unit.id)/import", method: .post, headers: bearer(fixture.providerToken), body: ByteBuffer(string: "{}")
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(malformed.0 == .badRequest && malformed.1.contains("report.malformed"))
        }
    }

    @Test("withdrawal: the unit leaves the inbox and its files are gone; the same ファイル連番 is sent again; a downloaded unit cannot be withdrawn")
    func withdrawal() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.monthlyPlan)
        try await fixture.test { client in
            let (_, first) = try await client.upload(files, token: fixture.careManagerToken)
            let id = try #require((first["unit"] as? [String: Any])?["id"] as? String)
            let (status, receiptBody) = try await client.execute(uri: "/api/v1/units/\(id)/withdraw", method: .post, headers: bearer(fixture.careManagerToken)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(status == .ok)
            let payload = try ReceiptVerifier.verify(try SignedReceipt(json: receiptBody), publicKey: fixture.hub.signer.publicKey)
            #expect(payload.event == "withdrawn" && payload.office == fixture.careManager.officeID.description)
            let (_, inbox) = try await client.getJSON("/api/v1/inbox", token: fixture.providerToken)
            #expect(((inbox as? [String: Any])?["units"] as? [Any])?.isEmpty == true)
            let hidden = try await client.execute(uri: "/api/v1/units/\(id)/files/\(files[0].name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            #expect(hidden == .notFound)

            // The identical files again: a new unit with the same ファイル連番 (not 「送信済み」), linked to the withdrawn one.
            let (again, second) = try await client.upload(files, token: fixture.careManagerToken)
            #expect(again == .created)
            let newUnit = try #require(second["unit"] as? [String: Any])
            #expect(newUnit["id"] as? String != id && newUnit["previousUnitID"] as? String == id)
            let newID = try #require(newUnit["id"] as? String)
            // The recipient is not told that a withdrawn unit came before.
            let (_, recipientView) = try await client.getJSON("/api/v1/units/\(newID)", token: fixture.providerToken)
            #expect((recipientView as? [String: Any])?["previousUnitID"] == nil)
            let (_, outbox) = try await client.getJSON("/api/v1/outbox", token: fixture.careManagerToken)
            let states = ((outbox as? [String: Any])?["units"] as? [[String: Any]])?.compactMap { $0["state"] as? String }
            #expect(states?.sorted() == ["accepted", "withdrawn"])

            _ = try await client.execute(uri: "/api/v1/units/\(newID)/files/\(files[0].name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            let (refused, refusal) = try await client.execute(uri: "/api/v1/units/\(newID)/withdraw", method: .post, headers: bearer(fixture.careManagerToken)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(refused == .conflict && refusal.contains("unit.notWithdrawable"))
        }
    }
}
