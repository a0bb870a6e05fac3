// CarePlan Link — 今月の連携: user × partner with the 利用票's state, the 実績, 予定 vs 実績 and whether the partner has
// the latest plan, from the files the hub holds; never reading (so never receiving) what waits unread.
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

@Suite("Month overview")
struct MonthTests {
    static let june = YearMonth(year: 2025, month: 6)!

    /// The files with every record of `kind` transformed (read, changed, written back as the spec says).
    static func modified(_ files: [(name: String, bytes: [UInt8])], _ transform: (FileKind, inout [any CarePlanRecord]) -> Void) throws -> [(name: String, bytes: [UInt8])] {
        try files.map { file in
            var document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
            transform(document.kind, &document.records)
            return (file.name, try document.write().bytes)
        }
    }

    private func month(_ client: any TestClientProtocol, token: String, query: String = "month=202506") async throws -> MonthView {
        try await client.execute(uri: "/api/v1/month?\(query)", method: .get, headers: bearer(token)) { response in
            #expect(response.status == .ok, "\(query)")
            return try JSONDecoder().decode(MonthView.self, from: Data(response.body.readableBytesView))
        }
    }

    @Test("the care manager's month: 利用票 state, 実績 unread then compared, the users' names; the provider's unread 利用票 stays unread")
    func careManagerAndProvider() async throws {
        let fixture = try await HubFixture.make()
        let plan = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 2, month: Self.june), from: fixture.careManager, actor: "test")
        let users = SampleFactory(month: Self.june, userCount: 2).users.sorted { $0.insuredNumber < $1.insuredNumber }
        try await fixture.test { client in
            // The provider has not opened the 利用票: one row without users, and the unit is still unread afterwards.
            let unread = try await self.month(client, token: fixture.providerToken)
            #expect(unread.rows.count == 1 && unread.rows[0].insuredNumber == nil && unread.rows[0].plan?.stateLabel == "未読")
            #expect(try await fixture.store.unit(id: plan.id)?.state == .accepted)
            #expect(try await fixture.store.unreadCount(officeID: fixture.provider.id) == 1)

            let sent = try await self.month(client, token: fixture.careManagerToken)
            #expect(sent.rows.map(\.insuredNumber) == users.map(\.insuredNumber))
            #expect(sent.rows.map(\.userName) == users.map(\.name))
            #expect(sent.rows.allSatisfy { $0.partner == "1310100021_11" && $0.partnerName == "神田ヘルパー（訪問介護・1310100021）" })
            #expect(sent.rows.allSatisfy { $0.plan?.stateLabel == "受付済（相手は未読）" && $0.partnerHasLatestPlan == false && $0.results == nil })

            // The provider receives the 利用票 and sends its 実績 back.
            for file in try await fixture.store.files(unitID: plan.id) {
                _ = try await client.execute(uri: "/api/v1/units/\(plan.id)/files/\(file.name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            }
            let results = try await fixture.hub.submit(sampleUnit(.results, users: 2, second: 3, month: Self.june), from: fixture.provider, actor: "test")
            let waiting = try await self.month(client, token: fixture.careManagerToken)
            #expect(waiting.rows.allSatisfy { $0.partnerHasLatestPlan == true && $0.results?.unitID == results.id && $0.results?.stateLabel == "未読" }, "\(waiting.rows)")
            // Not received yet: not read, not compared.
            #expect(waiting.rows.allSatisfy { $0.differences == nil })
            #expect(try await fixture.store.unit(id: results.id)?.state == .accepted)

            for file in try await fixture.store.files(unitID: results.id) {
                _ = try await client.execute(uri: "/api/v1/units/\(results.id)/files/\(file.name)", method: .get, headers: bearer(fixture.careManagerToken)) { $0.status }
            }
            let compared = try await self.month(client, token: fixture.careManagerToken)
            // The samples' 実績: the 9th's visit 15 minutes late, the 26th's did not happen.
            for row in compared.rows {
                #expect(row.differences?.map(\.kind) == ["timeDiffers", "missing"], "\(row.insuredNumber ?? "")")
                #expect(row.differences?.first?.day == 9 && row.differences?.first?.actual == "1015-1045 ×1")
            }
            // The provider's side now shows the users, compared against its own 実績.
            let provider = try await self.month(client, token: fixture.providerToken)
            #expect(provider.rows.map(\.insuredNumber) == users.map(\.insuredNumber))
            #expect(provider.rows.allSatisfy { $0.partner == "1310100012_43" && $0.differences?.count == 2 && $0.partnerHasLatestPlan == nil })

            // CSV: one line per difference, and the header.
            let csv = try await client.execute(uri: "/api/v1/month?month=202506&format=csv", method: .get, headers: bearer(fixture.careManagerToken)) {
                String(buffer: $0.body)
            }
            #expect(csv.split(separator: "\r\n").count == 1 + 4)
            #expect(csv.contains(",時間相違,9,111111,1000-1030 ×1,1015-1045 ×1"))
        }
        let audit = try await fixture.store.auditEntries(from: 1, limit: 1000)
        #expect(audit.contains { $0.action == "month.read" && $0.subject.hasPrefix("202506 units=") })
    }

    @Test("a newer 利用票 the provider has not received: 最新版は未受信, with what changed from the one it has")
    func latestPlan() async throws {
        let fixture = try await HubFixture.make()
        let first = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 1, month: Self.june), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            for file in try await fixture.store.files(unitID: first.id) {
                _ = try await client.execute(uri: "/api/v1/units/\(first.id)/files/\(file.name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            }
        }
        fixture.clock.advance(days: 1)
        // The plan changes: the 9th's visit moves to 10:15–10:45.
        let changed = try Self.modified(sampleUnit(.monthlyPlan, users: 1, second: 30, month: Self.june)) { kind, records in
            guard kind == .serviceUsePlan else { return }
            records = records.map { record in
                var row = record as! ServiceUsePlanRecord
                if row.serviceCode == "111111" && row.serviceDate.day == 9 {
                    row.serviceStartTime = .at(ClockTime(hour: 10, minute: 15)!)
                    row.serviceEndTime = .at(ClockTime(hour: 10, minute: 45)!)
                }
                return row
            }
        }
        _ = try await fixture.hub.submit(changed, from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            let view = try await self.month(client, token: fixture.careManagerToken)
            #expect(view.rows.count == 1)
            #expect(view.rows[0].partnerHasLatestPlan == false)
            let changes = view.rows[0].planChanges ?? []
            // The 10:00 visit lost the 9th; a 10:15 one gained it.
            #expect(changes.count == 2 && changes.allSatisfy { $0.contains("第6表") }, "\(changes)")
            #expect(changes.contains { $0.contains("10:15–10:45") && $0.contains("追加された日") })
        }
    }

    @Test("the month page: a row per user and partner, links to the units, the downloads; a partner's view holds only its own relation")
    func page() async throws {
        let fixture = try await HubFixture.make()
        try await link(fixture.careManager, fixture.outsider, store: fixture.store)
        try await fixture.passwordAccount("cm", "month password", office: fixture.careManager)
        try await fixture.passwordAccount("day", "month password", office: fixture.outsider)
        let plan = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 2, month: Self.june), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            let cm = try #require(try await webLogin(client, "cm", "month password"))
            let html = try await client.execute(uri: "/web/month?month=202506", method: .get, headers: [.cookie: cm]) { String(buffer: $0.body) }
            #expect(html.contains("今月の連携 2025年6月") && html.contains("<a href=\"/web/units/\(plan.id)\">受付済（相手は未読）</a>"))
            #expect(html.contains("最新版は未受信") && html.contains("href=\"/web/month.csv?month=202506\""))
            #expect(html.contains("<a href=\"/web/month\">今月の連携</a>"))
            // Without a month: the month of the newest 利用票.
            let defaulted = try await client.execute(uri: "/web/month", method: .get, headers: [.cookie: cm]) { String(buffer: $0.body) }
            #expect(defaulted.contains("今月の連携 2025年6月"))
            let json = try await client.execute(uri: "/web/month.json?month=202506", method: .get, headers: [.cookie: cm]) { $0 }
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            // The day service, a partner of the same care manager, sees nothing of the provider's users.
            let day = try #require(try await webLogin(client, "day", "month password"))
            let theirs = try await client.execute(uri: "/web/month?month=202506", method: .get, headers: [.cookie: day]) { String(buffer: $0.body) }
            #expect(theirs.contains("この月の利用票・実績はありません"))
            for user in SampleFactory(month: Self.june, userCount: 2).users {
                #expect(!theirs.contains(user.insuredNumber) && !theirs.contains(user.name))
            }
            let bad = try await client.execute(uri: "/web/month?month=2025", method: .get, headers: [.cookie: cm]) { $0.status }
            #expect(bad == .badRequest)
        }
    }

    @Test("one month at a time per office: while one is being built, the next request gets 429 month.busy; another office is not held up")
    func oneAtATime() async throws {
        let fixture = try await HubFixture.make()
        let (held, release) = AsyncStream.makeStream(of: Void.self)
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await fixture.hub.monthReports.withSlot(for: fixture.careManager.id) {
                enteredContinuation.yield()
                for await _ in held { break }
            }
        }
        for await _ in entered { break }
        try await fixture.test { client in
            let busy = try await client.execute(uri: "/api/v1/month?month=202506", method: .get, headers: bearer(fixture.careManagerToken)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(busy.0 == .tooManyRequests && busy.1.contains("month.busy"))
            let other = try await client.execute(uri: "/api/v1/month?month=202506", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            #expect(other == .ok)
        }
        release.yield()
        release.finish()
        try await holder.value
    }
}
