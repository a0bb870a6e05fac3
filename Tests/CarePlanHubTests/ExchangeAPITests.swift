// CarePlan Link — the exchange API through the router: happy paths, rejections, idempotency, receipts.
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

@Suite("Exchange API")
struct ExchangeAPITests {
    @Test("upload → inbox → download (byte-identical, 受信済) → import report (取込済), with verifiable receipts and outbox states")
    func happyPath() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.monthlyPlan)
        try await fixture.test { client in
            let (status, json) = try await client.upload(files, token: fixture.careManagerToken)
            #expect(status == .created)
            let unit = try #require(json["unit"] as? [String: Any])
            let id = try #require(unit["id"] as? String)
            #expect(unit["state"] as? String == "accepted")
            #expect(unit["stateLabel"] as? String == "受付済")
            #expect(unit["pattern"] as? String == "居宅②/予防(4) 第6・7表＋補足")
            let receiptData = try JSONSerialization.data(withJSONObject: json["receipt"]!)
            let receipt = try JSONDecoder().decode(SignedReceipt.self, from: receiptData)
            let payload = try ReceiptVerifier.verify(receipt, publicKey: fixture.hub.signer.publicKey)
            #expect(payload.event == "accepted")
            #expect(payload.unitID == id)
            #expect(Set(payload.files.map(\.name)) == Set(files.map(\.name)))
            #expect(payload.files.allSatisfy { file in HexDigest.sha256(files.first { $0.name == file.name }!.bytes) == file.sha256 })

            // The provider sees it in its inbox; the care manager (sender) and the outsider do not.
            let (_, inbox) = try await client.getJSON("/api/v1/inbox", token: fixture.providerToken)
            #expect(((inbox as? [String: Any])?["units"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            for token in [fixture.careManagerToken, fixture.outsiderToken] {
                let (_, other) = try await client.getJSON("/api/v1/inbox", token: token)
                #expect(((other as? [String: Any])?["units"] as? [Any])?.isEmpty == true)
            }

            for file in files {
                try await client.execute(uri: "/api/v1/units/\(id)/files/\(file.name)", method: .get, headers: bearer(fixture.providerToken)) { response in
                    #expect(response.status == .ok)
                    #expect(Array(buffer: response.body) == file.bytes)
                    #expect(response.headers[HTTPField.Name("X-Content-SHA256")!] == HexDigest.sha256(file.bytes))
                }
            }
            let (_, afterDownload) = try await client.getJSON("/api/v1/outbox", token: fixture.careManagerToken)
            #expect(((afterDownload as? [String: Any])?["units"] as? [[String: Any]])?.first?["stateLabel"] as? String == "受信済")

            let imported = try await client.execute(
                uri: "/api/v1/units/\(id)/import", method: .post, headers: bearer(fixture.providerToken, [.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"outcome":"imported","problems":[]}"#)
            ) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(SignedReceipt.self, from: Data(response.body.readableBytesView))
            }
            let importPayload = try ReceiptVerifier.verify(imported, publicKey: fixture.hub.signer.publicKey)
            #expect(importPayload.event == "imported" && importPayload.office == fixture.provider.officeID.description)
            #expect(importPayload.account == "staff-\(fixture.provider.number)")
            let (_, outbox) = try await client.getJSON("/api/v1/outbox", token: fixture.careManagerToken)
            #expect(((outbox as? [String: Any])?["units"] as? [[String: Any]])?.first?["stateLabel"] as? String == "取込済")
            let (_, receipts) = try await client.getJSON("/api/v1/units/\(id)/receipts", token: fixture.careManagerToken)
            let events = try (receipts as? [[String: Any]] ?? []).map { object in
                try ReceiptVerifier.verify(
                    JSONDecoder().decode(SignedReceipt.self, from: JSONSerialization.data(withJSONObject: object)), publicKey: fixture.hub.signer.publicKey
                ).event
            }
            #expect(events == ["accepted", "received", "imported"])
        }
        let breaks = AuditChain.verify(try await fixture.store.auditEntries(from: 1, limit: 1000))
        #expect(breaks.isEmpty)
        let actions = try await fixture.store.auditEntries(from: 1, limit: 1000).map(\.action)
        #expect(actions.contains("upload") && actions.contains("download") && actions.contains("receive") && actions.contains("import"))
    }

    @Test("uploading the identical unit again returns the original receipt and stores nothing new")
    func idempotent() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.carePlan)
        try await fixture.test { client in
            let (first, firstJSON) = try await client.upload(files, token: fixture.careManagerToken)
            let (second, secondJSON) = try await client.upload(files, token: fixture.careManagerToken)
            #expect(first == .created)
            #expect(second == .ok)
            #expect(secondJSON["created"] as? Bool == false)
            #expect((firstJSON["unit"] as? [String: Any])?["id"] as? String == (secondJSON["unit"] as? [String: Any])?["id"] as? String)
            #expect((firstJSON["receipt"] as? [String: Any])?["signature"] as? String == (secondJSON["receipt"] as? [String: Any])?["signature"] as? String)
        }
        #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 1)
        #expect(try await fixture.store.auditEntries(from: 1, limit: 100).filter { $0.action == "upload" }.count == 1)
    }

    @Test("a ファイル連番 already used for a different unit is refused with 409")
    func sequenceReused() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            let (first, _) = try await client.upload(sampleUnit(.monthlyPlan, users: 2), token: fixture.careManagerToken)
            #expect(first == .created)
            let (second, json) = try await client.upload(sampleUnit(.monthlyPlan, users: 3), token: fixture.careManagerToken)
            #expect(second == .conflict)
            #expect((json["error"] as? [String: Any])?["code"] as? String == "unit.sequenceReused")
        }
        #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).count == 1)
    }

    @Test("an invalid unit is rejected whole with located, redacted errors, and nothing is stored")
    func invalidUnit() async throws {
        let fixture = try await HubFixture.make()
        var broken = sampleUnit(.monthlyPlan)
        let index = broken.firstIndex { $0.name.hasPrefix("UPSIKYU") }!
        // Break 保険者番号 of row 1 (bytes 7…12).
        broken[index].bytes.replaceSubrange(7..<13, with: Array("ABCDEF".utf8))
        let files = broken
        try await fixture.test { client in
            let (status, json) = try await client.upload(files, token: fixture.careManagerToken)
            #expect(status == .unprocessableContent)
            let error = try #require(json["error"] as? [String: Any])
            #expect(error["code"] as? String == "unit.invalid")
            let details = try #require(error["details"] as? [[String: Any]])
            #expect(details.contains { $0["rule"] as? String == "field.format" && $0["row"] as? Int == 1 && $0["item"] as? Int == 2 && ($0["file"] as? String)?.hasPrefix("UPSIKYU") == true })
            #expect(details.allSatisfy { $0["value"] == nil && $0["insuredNumber"] == nil })  // care data is never echoed
            // The same problems grouped by cause, redacted too.
            let groups = try #require(error["groups"] as? [[String: Any]])
            #expect(groups.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == details.count)
            let format = try #require(groups.first { $0["rule"] as? String == "field.format" && $0["item"] as? Int == 2 })
            #expect(format["firstRows"] as? [Int] == [1])
            #expect(groups.allSatisfy { ($0["first"] as? [String: Any]).map { $0["value"] == nil && $0["insuredNumber"] == nil } ?? false })
        }
        #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)
    }

    @Test(
        "rejections: sender mismatch, unknown recipient, mixed units, bad names, not multipart",
        arguments: ["senderMismatch", "unknownRecipient", "mixed", "badName", "notMultipart", "empty", "duplicate"])
    func rejections(_ scenario: String) async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            switch scenario {
            case "senderMismatch":
                let (status, json) = try await client.upload(sampleUnit(.monthlyPlan), token: fixture.providerToken)
                #expect(status == .forbidden)
                #expect((json["error"] as? [String: Any])?["code"] as? String == "unit.senderMismatch")
            case "unknownRecipient":
                let files = sampleUnit(.monthlyPlan).map { ($0.name.replacingOccurrences(of: "_1310100021_11_", with: "_1310199999_11_"), $0.bytes) }
                let (status, json) = try await client.upload(files, token: fixture.careManagerToken)
                #expect(status == .unprocessableContent)
                #expect((json["error"] as? [String: Any])?["code"] as? String == "unit.unknownRecipient")
            case "mixed":
                let (status, json) = try await client.upload(sampleUnit(.monthlyPlan) + sampleUnit(.carePlan, second: 5), token: fixture.careManagerToken)
                #expect(status == .badRequest)
                #expect((json["error"] as? [String: Any])?["code"] as? String == "unit.mixed")
            case "badName":
                let (status, json) = try await client.upload([("UPPLAN_2025.CSV", [0x41])], token: fixture.careManagerToken)
                #expect(status == .unprocessableContent)
                #expect(((json["error"] as? [String: Any])?["details"] as? [[String: Any]])?.first?["rule"] as? String == "fileName.grammar")
            case "notMultipart":
                let status = try await client.execute(uri: "/api/v1/units", method: .post, headers: bearer(fixture.careManagerToken), body: ByteBuffer(string: "x")) { $0.status }
                #expect(status == .badRequest)
            case "empty":
                let (status, _) = try await client.upload([], token: fixture.careManagerToken)
                #expect(status == .badRequest)
            default:
                let files = sampleUnit(.carePlanDeletion)
                let (status, json) = try await client.upload(files + files, token: fixture.careManagerToken)
                #expect(status == .badRequest)
                #expect((json["error"] as? [String: Any])?["code"] as? String == "unit.duplicateFile")
            }
        }
        #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 10).isEmpty)
    }

    @Test("limits answer 413 and 429 with a JSON error, never a crash")
    func limits() async throws {
        let fixture = try await HubFixture.make { configuration in
            configuration.limits.maxFilesPerUnit = 2
            configuration.limits.maxFileBytes = 4000
            configuration.limits.maxRequestBytes = 60_000
            configuration.limits.requestsPerMinute = 5
        }
        try await fixture.test { client in
            let (files, _) = try await client.upload(sampleUnit(.carePlan), token: fixture.careManagerToken)
            #expect(files == .contentTooLarge)
            let (size, sizeJSON) = try await client.upload(sampleUnit(.results, users: 10), token: fixture.providerToken)
            #expect(size == .contentTooLarge)
            #expect((sizeJSON["error"] as? [String: Any])?["code"] as? String == "limit.fileSize")
            let big = [("UPPLAN_202506_1310100012_43_1310100021_11_20250525180000.CSV", [UInt8](repeating: 0x41, count: 70_000))]
            let (request, requestJSON) = try await client.upload(big, token: fixture.careManagerToken)
            #expect(request == .contentTooLarge)
            #expect((requestJSON["error"] as? [String: Any])?["code"] as? String == "limit.request")
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<6 { statuses.append(try await client.getJSON("/api/v1/inbox", token: fixture.outsiderToken).0) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)
            try await client.execute(uri: "/api/v1/inbox", method: .get, headers: bearer(fixture.outsiderToken)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }

    @Test("inbox pages with a cursor and filters by state")
    func pagination() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.test { client in
            var ids: [String] = []
            for second in 0..<3 {
                let (_, json) = try await client.upload(sampleUnit(.monthlyPlanDeletion, second: second), token: fixture.careManagerToken)
                ids.append(try #require((json["unit"] as? [String: Any])?["id"] as? String))
                fixture.clock.advance(days: 0.001)
            }
            let (_, first) = try await client.getJSON("/api/v1/inbox?limit=2", token: fixture.providerToken)
            let firstPage = try #require(first as? [String: Any])
            #expect((firstPage["units"] as? [[String: Any]])?.map { $0["id"] as? String } == Array(ids.prefix(2)))
            let cursor = try #require(firstPage["nextCursor"] as? String)
            let (_, second) = try await client.getJSON("/api/v1/inbox?limit=2&cursor=\(cursor)", token: fixture.providerToken)
            #expect(((second as? [String: Any])?["units"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[2]])
            #expect((second as? [String: Any])?["nextCursor"] == nil)
            // Withdrawn by its sender, the first unit leaves the inbox whatever the filter.
            let withdrawn = try await client.execute(uri: "/api/v1/units/\(ids[0])/withdraw", method: .post, headers: bearer(fixture.careManagerToken)) { $0.status }
            #expect(withdrawn == .ok)
            let (_, accepted) = try await client.getJSON("/api/v1/inbox?state=accepted,withdrawn", token: fixture.providerToken)
            #expect(((accepted as? [String: Any])?["units"] as? [[String: Any]])?.map { $0["id"] as? String } == Array(ids.suffix(2)))
            let checked1 = try await client.getJSON("/api/v1/inbox?state=bogus", token: fixture.providerToken).0
            #expect(checked1 == .badRequest)
            let checked2 = try await client.getJSON("/api/v1/inbox?cursor=nonsense", token: fixture.providerToken).0
            #expect(checked2 == .badRequest)
        }
    }

    @Test("retention: unread units expire (期限切れ) and can be sent again while their files are kept; read ones lose their files later")
    func retention() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.results)
        try await fixture.test { client in
            let (_, unread) = try await client.upload(sampleUnit(.monthlyPlanDeletion), token: fixture.careManagerToken)
            let unreadID = try #require((unread["unit"] as? [String: Any])?["id"] as? String)
            let (_, read) = try await client.upload(files, token: fixture.providerToken)
            let readID = try #require((read["unit"] as? [String: Any])?["id"] as? String)
            _ = try await client.execute(uri: "/api/v1/units/\(readID)/files/\(files[0].name)", method: .get, headers: bearer(fixture.careManagerToken)) { $0.status }

            fixture.clock.advance(days: 10)
            #expect(try await RetentionService.runOnce(fixture.hub) == (0, 1))
            let gone = try await client.execute(uri: "/api/v1/units/\(readID)/files/\(files[0].name)", method: .get, headers: bearer(fixture.careManagerToken)) { $0.status }
            #expect(gone == .gone)

            fixture.clock.advance(days: 25)
            #expect(try await RetentionService.runOnce(fixture.hub) == (1, 0))
            let (_, outbox) = try await client.getJSON("/api/v1/outbox", token: fixture.careManagerToken)
            let unit = try #require(((outbox as? [String: Any])?["units"] as? [[String: Any]])?.first { $0["id"] as? String == unreadID })
            #expect(unit["stateLabel"] as? String == "期限切れ")
            #expect(unit["expiredAt"] as? String != nil && unit["expiresAt"] == nil)
            // The recipient can neither download nor report it any more; it says when it expired.
            let late = try await client.execute(
                uri: "/api/v1/units/\(unreadID)/import", method: .post, headers: bearer(fixture.providerToken), body: ByteBuffer(string: #"{"outcome":"imported","problems":[]}"#)
            ) { response in (response.status, String(buffer: response.body)) }
            #expect(late.0 == .gone && late.1.contains("unit.expired") && late.1.contains("期限切れになりました"))
            // The sender sends it again: a new unit, the same ファイル連番, linked to the expired one.
            let (resent, again) = try await client.execute(uri: "/api/v1/units/\(unreadID)/resend", method: .post, headers: bearer(fixture.careManagerToken)) {
                response in (response.status, try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:])
            }
            #expect(resent == .created)
            let newUnit = try #require(again["unit"] as? [String: Any])
            #expect(newUnit["id"] as? String != unreadID && newUnit["previousUnitID"] as? String == unreadID && newUnit["state"] as? String == "accepted")
            #expect(newUnit["timestamp"] as? String == unit["timestamp"] as? String)
            // Once the kept files are deleted too, there is nothing to send again.
            fixture.clock.advance(days: 8)
            _ = try await RetentionService.runOnce(fixture.hub)
            let tooLate = try await client.execute(uri: "/api/v1/units/\(unreadID)/resend", method: .post, headers: bearer(fixture.careManagerToken)) { $0.status }
            #expect(tooLate == .conflict)
        }
        #expect(AuditChain.verify(try await fixture.store.auditEntries(from: 1, limit: 1000)).isEmpty)
    }

    @Test("Range: bytes=N- resumes a download with 206; past the end is 416; other forms get the whole file")
    func rangeDownloads() async throws {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.monthlyPlan)
        let unit = try await fixture.hub.submit(files, from: fixture.careManager, actor: "test")
        let file = try #require(files.first { $0.name.hasPrefix("UPPLAN") })
        try await fixture.test { client in
            let uri = "/api/v1/units/\(unit.id)/files/\(file.name)"
            try await client.execute(uri: uri, method: .get, headers: bearer(fixture.providerToken, [.range: "bytes=100-"])) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 100-\(file.bytes.count - 1)/\(file.bytes.count)")
                #expect(Array(buffer: response.body) == Array(file.bytes[100...]))
            }
            try await client.execute(uri: uri, method: .get, headers: bearer(fixture.providerToken, [.range: "bytes=\(file.bytes.count)-"])) { response in
                #expect(response.status == .rangeNotSatisfiable && response.headers[.contentRange] == "bytes */\(file.bytes.count)")
            }
            for ignored in ["bytes=0-5", "bytes=-1-", "bytes=-", "bytes=+5-", "items=3-"] {
                try await client.execute(uri: uri, method: .get, headers: bearer(fixture.providerToken, [.range: ignored])) { response in
                    #expect(response.status == .ok && Array(buffer: response.body) == file.bytes && response.headers[.acceptRanges] == "bytes", "\(ignored)")
                }
            }
        }
    }
}
