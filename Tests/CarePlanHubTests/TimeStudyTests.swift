// CarePlan Link — タイムスタディ: an office's before/after minutes, and the region's estimate that uses them.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanHubStore

@testable import CarePlanHub

private func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

@Suite("Time studies")
struct TimeStudyTests {
    @Test("the form: empty task rows are no task, full-width digits are numbers, a slower task saves nothing; out of range and all empty are refused")
    func formAndArithmetic() throws {
        let study = try TimeStudy(form: [
            "sendPlans.before": "１５", "sendPlans.after": "3", "sendPlans.times": "40", "receiveResults.before": "", "receiveResults.after": "",
            "receiveResults.times": "", "reconcile.before": "5", "reconcile.after": "8", "reconcile.times": "10", "sheets": "160", "measuredOn": "2026-11-01",
        ])
        #expect(study.tasks.map(\.key) == ["sendPlans", "reconcile"])
        // 40 × (15 − 3) = 480; the slower 照合 counts as 0.
        #expect(study.minutesSavedPerMonth == 480)
        // 12 × (480 ÷ 60 × 2,000 + 160 × 20) = 12 × (16,000 + 3,200) = 230,400.
        #expect(study.yenPerYear(hourlyCost: 2_000, costPerSheet: 20) == 230_400)
        for bad in [["sendPlans.before": "601", "sendPlans.after": "1", "sendPlans.times": "1"], ["sendPlans.before": "5", "sendPlans.after": "x", "sendPlans.times": "1"],
            ["sendPlans.before": "5", "sendPlans.after": "1", "sendPlans.times": "-1"], ["sheets": "10"],
            ["sendPlans.before": "5", "sendPlans.after": "1", "sendPlans.times": "1", "measuredOn": "2026-02-30"],
            // 600 minutes 30 times a month is 300 hours of work before: a slip, not a study.
            ["sendPlans.before": "600", "sendPlans.after": "1", "sendPlans.times": "30"]]
        {
            #expect(throws: ExchangeError.self, "\(bad)") { try TimeStudy(form: bad) }
        }
        // 200 hours exactly is still a study.
        #expect(try TimeStudy(form: ["sendPlans.before": "600", "sendPlans.after": "1", "sendPlans.times": "20"]).minutesSavedPerMonth == 11_980)
    }

    @Test("the estimate: offices with a study at their own figures, the others at the defaults")
    func estimateUsesStudies() {
        let parameters = SavingsEstimate.Parameters()
        let study = TimeStudy(tasks: [.init(key: "sendPlans", minutesBefore: 10, minutesAfter: 4, timesPerMonth: 50)], sheetsPerMonth: 0, measuredOn: "")
        // Defaults: 12 × 120 × ((6 − 1) ÷ 60 × 2,000 + 20) = 268,800 a year; the study: 12 × 300 ÷ 60 × 2,000 = 120,000.
        let estimate = SavingsEstimate(parameters: parameters, offices: 3, studies: [study])
        #expect(estimate.yenPerOfficeYear == 268_800 && estimate.yenTotal == 120_000 + 2 * 268_800)
        // 2 × 12 × 120 × 5 min + 12 × 300 min = 14,400 + 3,600 = 18,000 min = 300 h.
        #expect(estimate.hoursTotal == 300)
        #expect(SavingsEstimate(parameters: parameters, offices: 0, studies: [study]).yenTotal == 0)
    }

    @Test("an administrator saves and removes the study, staff only see it; the demo region's total counts its two studies, as computed by hand")
    func pages() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("helper", "helper-password-1")
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.provider.id, loginName: "helper-admin", passwordHash: PasswordHasher.hash("admin-password-1", cost: 4), role: .admin),
            audit: AuditRecord(actor: "test", office: nil, action: "setup", subject: ""))
        let fields = ["sendPlans.before": "8", "sendPlans.after": "2", "sendPlans.times": "30", "sheets": "60"]
        try await fixture.test { client in
            let staff = try #require(try await webLogin(client, "helper", "helper-password-1"))
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: staff]
            #expect(try await client.execute(uri: "/web/settings/time-study", method: .post, headers: headers, body: form(fields)) { $0.status } == .forbidden)
            let admin = try #require(try await webLogin(client, "helper-admin", "admin-password-1"))
            headers[.cookie] = admin
            var wrong = fields
            wrong["sendPlans.after"] = "abc"
            let refused = try await client.execute(uri: "/web/settings/time-study", method: .post, headers: headers, body: form(wrong)) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .badRequest && refused.1.contains("value=\"abc\""))
            #expect(try await fixture.store.timeStudy(officeID: fixture.provider.id) == nil)
            #expect(try await client.execute(uri: "/web/settings/time-study", method: .post, headers: headers, body: form(fields)) { $0.status } == .seeOther)
            let stored = try #require(TimeStudy.decode(try await fixture.store.timeStudy(officeID: fixture.provider.id)))
            #expect(stored.minutesSavedPerMonth == 180 && stored.sheetsPerMonth == 60)
            let page = try await client.execute(uri: "/web/settings/time-study", method: .get, headers: [.cookie: staff]) { String(buffer: $0.body) }
            #expect(page.contains("月180分") && page.contains("disabled") && !page.contains("記録を削除"))
            #expect(try await client.execute(uri: "/web/settings/time-study", method: .post, headers: headers, body: form(["remove": "1"])) { $0.status } == .seeOther)
            #expect(try await fixture.store.timeStudy(officeID: fixture.provider.id) == nil)
        }
        // The demo: 22 active members; s-cm1 saves 12 × (900 ÷ 60 × 2,000 + 160 × 20) = 398,400 and s-help1
        // 12 × (300 ÷ 60 × 2,000 + 60 × 20) = 134,400; the other 20 count 268,800 each: 5,908,800 in all.
        try await SeededRegion.test { client in
            let cookie = try #require(try await webLogin(client, HubDemo.cityLogin, HubDemo.password, landing: "/web/region"))
            let html = try await client.execute(uri: "/web/region", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(html.contains("id=\"studies\"") && html.contains("398,400") && html.contains("134,400"))
            let total = try #require(html.firstMatch(of: /id="estimate-total">([^<]+)</)?.1)
            #expect(total.contains("5,908,800"), "\(total)")
        }
    }
}
