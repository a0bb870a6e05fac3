// CarePlan Link — ヘルプ: a page for every validator rule, import code and hub error code, linked from the error tables.
import CarePlanCSV
import CarePlanExchange
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanHubStore

@testable import CarePlanHub

@Suite("Help")
struct HelpTests {
    /// Every code the hub's sources raise: `ExchangeError(.reason, "code", …`, `HubError.forbidden("code", …`,
    /// `HubError(… code: "code"` and the login refusals' codes.
    static func raisedCodes() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CarePlanHub").standardized
        var codes = Set<String>()
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /ExchangeError\(\s*\.[a-zA-Z]+,\s*"([a-zA-Z]+\.[a-zA-Z]+)"/) { codes.insert(String(match.1)) }
            for match in text.matches(of: /HubError\([^)]*?code: "([a-zA-Z]+\.[a-zA-Z]+)"/) { codes.insert(String(match.1)) }
            for match in text.matches(of: /HubError\.[a-zA-Z]+\(\s*"([a-zA-Z]+\.[a-zA-Z]+)"/) { codes.insert(String(match.1)) }
            if url.lastPathComponent == "LoginError.swift" {
                for match in text.matches(of: /case \.[a-zA-Z]+: "([a-zA-Z]+\.[a-zA-Z]+)"/) { codes.insert(String(match.1)) }
            }
        }
        return codes
    }

    @Test("every rule and import code has its page with an example or a situation and a fix; every raised error code has one, and no page names a code nothing raises")
    func catalogCoversEveryCode() throws {
        let catalog = try HelpCatalog()
        for rule in Rule.allCases {
            let entry = try #require(catalog.rule(rule.rawValue), "\(rule.rawValue)")
            #expect(!entry.fix_ja.isEmpty && !entry.fix_en.isEmpty && !entry.example_ja.isEmpty, "\(rule.rawValue)")
        }
        for code in ImportProblem.importCodes.keys { #expect(catalog.rule(code) != nil, "\(code)") }
        let raised = try Self.raisedCodes()
        #expect(raised.count > 80)
        let documented = Set(catalog.errors.map(\.code))
        #expect(raised.subtracting(documented).sorted() == [], "raised without a help page")
        #expect(documented.subtracting(raised).sorted() == [], "help pages for codes nothing raises")
        #expect(catalog.errors.count == documented.count)
        // The status on each page is the one the API answers for that code.
        let statuses = [400, 401, 403, 404, 408, 409, 410, 413, 422, 429, 499, 500, 503]
        for entry in catalog.errors { #expect(statuses.contains(entry.status), "\(entry.code) \(entry.status)") }
        #expect(catalog.error("unit.invalid")?.status == Int(ExchangeError(.invalid, "unit.invalid", "").status.code))
        #expect(catalog.error("application.pending")?.status == Int(ExchangeError(.conflict, "x", "").status.code))
        #expect(catalog.steps.count >= 5 && catalog.questions.count >= 10)
        // A rule without its page stops the hub from starting.
        #expect(throws: HubSetupError.self) {
            try HelpCatalog(rules: catalog.rules.filter { $0.id != Rule.dateOrder.rawValue }, errors: catalog.errors, questions: [], steps: [])
        }
    }

    @Test("the help pages need no login, in Japanese and English; an unknown page is 404; the send page's and error page's codes lead to theirs")
    func pages() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("cm", "cm-password-1", office: fixture.careManager)
        try await fixture.test { client in
            let index = try await client.execute(uri: "/web/help", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(index.0 == .ok)
            for rule in Rule.allCases { #expect(index.1.contains("href=\"/web/help/rules/\(rule.rawValue)\""), "\(rule.rawValue)") }
            #expect(index.1.contains("href=\"/web/help/errors/unit.invalid\""))
            let rule = try await client.execute(uri: "/web/help/rules/field.required", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(rule.0 == .ok && rule.1.contains("id=\"bad\"") && rule.1.contains("id=\"fix\"") && rule.1.contains(Rule.required.japanese))
            let english = try await client.execute(uri: "/web/help/rules/field.required?lang=en", method: .get) { String(buffer: $0.body) }
            #expect(english.contains("<html lang=\"en\">") && english.contains(Rule.required.english) && english.contains("What to change"))
            let error = try await client.execute(uri: "/web/help/errors/licence.ended", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(error.0 == .ok && error.1.contains("HTTP 403"))
            for path in ["/web/help/start", "/web/help/faq"] { #expect(try await client.execute(uri: path, method: .get) { $0.status } == .ok, "\(path)") }
            #expect(try await client.execute(uri: "/web/help/rules/no.such", method: .get) { $0.status } == .notFound)
            #expect(try await client.execute(uri: "/web/help/errors/no.such", method: .get) { $0.status } == .notFound)

            // A refused unit on the send page: each problem's rule links to its help page, which exists.
            let cookie = try #require(try await webLogin(client, "cm", "cm-password-1"))
            var broken = sampleUnit(.carePlan, second: 7)
            let index1 = try #require(broken.firstIndex { $0.name.hasPrefix("UP1KYO") })
            broken[index1].bytes = Array(broken[index1].bytes.prefix(30))
            var (headers, body) = multipart(broken)
            headers[.cookie] = cookie
            let refused = try await client.execute(uri: "/web/send", method: .post, headers: headers, body: body) { String(buffer: $0.body) }
            let links = refused.matches(of: /href="(\/web\/help\/rules\/[a-zA-Z.]+)"/).map { String($0.1) }
            #expect(!links.isEmpty)
            for link in Set(links) { #expect(try await client.execute(uri: link, method: .get) { $0.status } == .ok, "\(link)") }
            // Logged in, a help page keeps the office's navigation and offers no login.
            let withSession = try await client.execute(uri: "/web/help/rules/field.required", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(withSession.contains("href=\"/web/outbox\"") && !withSession.contains("href=\"/web/login\""))
            #expect(!rule.1.contains("href=\"/web/outbox\"") && rule.1.contains("href=\"/web/login\""))
            // The error page of a refusal names its code with a link.
            let missing = try await client.execute(uri: "/web/units/no-such-unit", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(missing.contains("href=\"/web/help/errors/unit.notFound\""))
        }
    }
}
