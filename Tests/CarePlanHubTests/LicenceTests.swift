// CarePlan Link — 利用期間: where an office stands, sending refused after the end, receiving kept for the grace period,
// the warning on every office page, and the operator's page.
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import CarePlanHub

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

private func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

@Suite("Usage periods")
struct LicenceTests {
    static let day = 86_400.0

    static func period(_ kind: UsagePeriod.Kind = .trial, _ start: Double, _ end: Double) -> UsagePeriod {
        UsagePeriod(officeID: 1, kind: kind, startsAt: start * Self.day, endsAt: end * Self.day, createdAt: 0)
    }

    @Test("standing: unbound without periods; a run of periods extends the end; before, in the grace period, after it; a gap")
    func standing() {
        let grace = 30.0
        #expect(UsageStanding(periods: [], at: 0, graceDays: grace) == .unbound)
        let run = [Self.period(.trial, 0, 30), Self.period(.paid, 30, 395), Self.period(.paid, 500, 600)]
        #expect(UsageStanding(periods: run, at: 10 * Self.day, graceDays: grace) == .active(kind: .trial, until: 395 * Self.day))
        #expect(UsageStanding(periods: [Self.period(.freePass, 5, 10)], at: 0, graceDays: grace) == .notStarted(startsAt: 5 * Self.day))
        // The end is exclusive: at the very end the period is over.
        #expect(UsageStanding(periods: run, at: 395 * Self.day, graceDays: grace) == .grace(endedAt: 395 * Self.day, graceUntil: 425 * Self.day))
        #expect(UsageStanding(periods: run, at: 425 * Self.day, graceDays: grace) == .ended(endedAt: 395 * Self.day))
        #expect(UsageStanding(periods: run, at: 550 * Self.day, graceDays: grace) == .active(kind: .paid, until: 600 * Self.day))
        let states = [UsageStanding.unbound, .active(kind: .paid, until: 1), .notStarted(startsAt: 1), .grace(endedAt: 1, graceUntil: 2), .ended(endedAt: 1)]
        #expect(states.map(\.maySend) == [true, true, false, false, false])
        #expect(states.map(\.mayReceive) == [true, true, true, true, false])
    }

    @Test("after the end: sending refused (API and web, nothing stored), receiving kept for the grace period, then refused; others unaffected")
    func expiry() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("cm", "cm-password-1", office: fixture.careManager)
        let now = fixture.clock.now
        _ = try await fixture.store.addUsagePeriod(
            for: fixture.careManager, kind: .trial, from: now - 20 * Self.day, until: now + 10 * Self.day, note: "", at: now, actor: "test")
        // A unit to the care manager, for its downloads later.
        let results = try await fixture.hub.submit(sampleUnit(.results, users: 1, second: 2), from: fixture.provider, actor: "test")
        try await fixture.test { client in
            // Ten days before the end: sending works, and every office page warns.
            let (status, _) = try await client.upload(sampleUnit(.monthlyPlan, users: 1, second: 1), token: fixture.careManagerToken)
            #expect(status == .created)
            var cm = try #require(try await webLogin(client, "cm", "cm-password-1"))
            for path in ["/web/inbox", "/web/outbox", "/web/partners", "/web/month", "/web/settings", "/web/send"] {
                let page = try await client.execute(uri: path, method: .get, headers: [.cookie: cm]) { String(buffer: $0.body) }
                #expect(page.contains("id=\"licence\"") && page.contains("あと10日"), "\(path)")
            }
            // Past the end: refused with the reason, and nothing is stored.
            fixture.clock.advance(days: 11)
            let before = try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 50).count
            let (refused, body) = try await client.upload(sampleUnit(.monthlyPlan, users: 1, second: 3), token: fixture.careManagerToken)
            let error = body["error"] as? [String: Any]
            #expect(refused == .forbidden && error?["code"] as? String == "licence.ended", "\(body)")
            #expect((error?["message"] as? String)?.contains("受信は") == true)
            // (The web session of ten days ago has expired: log in again.)
            cm = try #require(try await webLogin(client, "cm", "cm-password-1"))
            let (webHeaders, webBody) = multipart(sampleUnit(.monthlyPlan, users: 1, second: 4))
            var headers = webHeaders
            headers[.cookie] = cm
            let webStatus = try await client.execute(uri: "/web/send", method: .post, headers: headers, body: webBody) { ($0.status, String(buffer: $0.body)) }
            #expect(webStatus.0 == .forbidden && webStatus.1.contains("利用期間が"))
            #expect(try await fixture.store.outbox(officeID: fixture.careManager.id, after: nil, limit: 50).count == before)
            // The provider, without periods, sends as before.
            #expect(try await client.upload(sampleUnit(.results, users: 1, second: 5), token: fixture.providerToken).0 == .created)
            // Receiving works in the grace period; the page says until when.
            let file = try #require(try await fixture.store.files(unitID: results.id).first)
            let download = try await client.execute(uri: "/api/v1/units/\(results.id)/files/\(file.name)", method: .get, headers: bearer(fixture.careManagerToken)) { $0.status }
            #expect(download == .ok)
            let inbox = try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: cm]) { String(buffer: $0.body) }
            #expect(inbox.contains("送信はできません。受信は"))
            // After the grace period: refused too.
            fixture.clock.advance(days: 30)
            let late = try await client.execute(uri: "/api/v1/units/\(results.id)/files/\(file.name)", method: .get, headers: bearer(fixture.careManagerToken)) { ($0.status, String(buffer: $0.body)) }
            #expect(late.0 == .forbidden && late.1.contains("licence.ended"))
        }
    }

    @Test("the operator's page: periods added and removed through the form, audited; an office administrator and bad input refused")
    func operatorPage() async throws {
        let fixture = try await HubFixture.make()
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("operator-password-1", cost: 4), role: .hubOperator), audit: audit)
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.careManager.id, loginName: "cm-admin", passwordHash: PasswordHasher.hash("admin-password-1", cost: 4), role: .admin), audit: audit)
        try await fixture.test { client in
            let operatorCookie = try #require(try await webLogin(client, "operator", "operator-password-1", landing: "/web/operator/licences"))
            var headers = formHeaders
            headers[.cookie] = operatorCookie
            let added = try await client.execute(
                uri: "/web/operator/licences", method: .post, headers: headers,
                body: form(["office": "1310100012_43", "kind": "municipal", "from": "2025-04-01", "until": "２０２６-03-31", "note": "モデル地域事業"])) { $0.headers[.location] }
            #expect(added == "/web/operator/licences?done=added")
            let period = try #require(try await fixture.store.usagePeriods(officeID: fixture.careManager.id).first)
            #expect(period.kind == .municipal && period.note == "モデル地域事業")
            let page = try await client.execute(uri: "/web/operator/licences", method: .get, headers: [.cookie: operatorCookie]) { String(buffer: $0.body) }
            #expect(page.contains("利用中（自治体の事業、2026-03-31 まで）") && page.contains("期間の定めなし"))
            for bad in [["kind": "gold"], ["from": "2025-13-01"], ["until": "2025-03-01"], ["office": "1399999999_43"]] {
                var fields = ["office": "1310100012_43", "kind": "paid", "from": "2025-04-01", "until": "2026-03-31"]
                fields.merge(bad) { _, new in new }
                let status = try await client.execute(uri: "/web/operator/licences", method: .post, headers: headers, body: form(fields)) { $0.status }
                #expect(status == .badRequest || status == .notFound, "\(bad): \(status)")
            }
            #expect(try await fixture.store.usagePeriods().count == 1)
            // An office's administrator holds `manage` for its office, not for the hub.
            let admin = try #require(try await webLogin(client, "cm-admin", "admin-password-1"))
            for (method, path) in [(HTTPRequest.Method.get, "/web/operator/licences"), (.post, "/web/operator/licences"), (.post, "/web/operator/licences/\(period.id)/remove")] {
                var adminHeaders = formHeaders
                adminHeaders[.cookie] = admin
                #expect(try await client.execute(uri: path, method: method, headers: adminHeaders) { $0.status } == .forbidden, "\(path)")
                #expect(try await client.execute(uri: path, method: method, headers: formHeaders) { $0.status } != .ok, "\(path) without a session")
            }
            let removed = try await client.execute(uri: "/web/operator/licences/\(period.id)/remove", method: .post, headers: headers) { $0.headers[.location] }
            #expect(removed == "/web/operator/licences?done=removed")
            #expect(try await client.execute(uri: "/web/operator/licences/\(period.id)/remove", method: .post, headers: headers) { $0.status } == .notFound)
        }
        let actions = try await fixture.store.auditEntries(from: 1, limit: 100).map(\.action)
        #expect(actions.filter { $0 == "licence.add" }.count == 1 && actions.contains("licence.remove"))
    }
}
