// CarePlan Link — one language per page: Japanese first; English by `?lang=en` (kept in a cookie) or the browser's
// Accept-Language; every piece of page text translated, only data (names of offices and users, the spec's service
// type names) left in Japanese.
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

@Suite("Page language")
struct PageLanguageTests {
    @Test("Accept-Language: the higher q of ja… and en… wins, the earlier on a tie; Japanese when neither is named")
    func preference() {
        #expect(PageLanguage.preferred("") == .japanese)
        #expect(PageLanguage.preferred("en-US,en;q=0.9") == .english)
        #expect(PageLanguage.preferred("ja,en-US;q=0.9,en;q=0.8") == .japanese)
        #expect(PageLanguage.preferred("fr-FR, en;q=0.5, ja;q=0.7") == .japanese)
        #expect(PageLanguage.preferred("de, en;q=0.3") == .english)
        #expect(PageLanguage.preferred("en;q=0, ja;q=0") == .japanese)
        #expect(PageLanguage.preferred("en, ja") == .english)
    }

    @Test("a marked piece without a translation stops the pages from loading; the catalog has no line no template uses")
    func catalogIsComplete() throws {
        #expect(throws: HubSetupError.self) { try WebPages.localized("<p>[[未訳の文]]</p>", named: "t", catalog: [:]) }
        #expect(throws: HubSetupError.self) { try WebPages.localized("<p>[[閉じない", named: "t", catalog: nil) }
        #expect(try WebPages.localized("<p>[[受信]]{{x}}</p>", named: "t", catalog: ["受信": "Received"]) == "<p>Received{{x}}</p>")
        #expect(try WebPages.localized("<p>[[受信]]{{x}}</p>", named: "t", catalog: nil) == "<p>受信{{x}}</p>")
        #expect(throws: HubSetupError.self) { try WebPages.catalog("受信\tReceived\n受信\tIn") }

        let catalogURL = try #require(WebPages.resource("english", "tsv"))
        let catalog = try WebPages.catalog(String(contentsOf: catalogURL, encoding: .utf8))
        var used = Set<String>()
        for name in WebPages.templates {
            let source = try String(contentsOf: try #require(WebPages.resource(name, "mustache")), encoding: .utf8)
            let marks = try NSRegularExpression(pattern: #"\[\[(.*?)\]\]"#, options: [.dotMatchesLineSeparators])
            for match in marks.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                used.insert(String(source[Range(match.range(at: 1), in: source)!]))
            }
        }
        #expect(Set(catalog.keys).subtracting(used).isEmpty, "unused: \(Set(catalog.keys).subtracting(used))")
    }
}

extension PageLanguageTests {
    /// The page's text (no tags, styles or scripts) with every `data` string taken out: what must be English.
    static func japaneseLeft(_ html: String, data: [String]) -> [String] {
        var text = html.replacingOccurrences(of: #"<style>[\s\S]*?</style>|<script[\s\S]*?</script>"#, with: " ", options: .regularExpression)
        // Attribute values a person reads count as text.
        text = text.replacingOccurrences(of: #"<[^>]*?(?:title|placeholder|aria-label|data-label|value)="([^"]*)"[^>]*>"#, with: " $1 ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        for value in data.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: value, with: " ") }
        return text.split(whereSeparator: \.isWhitespace).map(String.init).filter { word in
            word.unicodeScalars.contains { (0x3000...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
        }
    }

    @Test("English by ?lang=en (kept in a cookie) or Accept-Language: every page's text in English, only data in Japanese; Japanese by default and by ?lang=ja")
    func englishPages() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.passwordAccount("helper", "helper-password-1")
        try await fixture.passwordAccount("cm", "cm-password-1", office: fixture.careManager)
        let june = YearMonth(year: 2025, month: 6)!
        let plan = try await fixture.hub.submit(sampleUnit(.monthlyPlan, users: 2, month: june), from: fixture.careManager, actor: "test")
        _ = try await fixture.hub.submit(sampleUnit(.results, users: 2, second: 3, month: june), from: fixture.provider, actor: "test")
        let users = SampleFactory(month: june, userCount: 2).users
        let data =
            ["ちよだ居宅", "神田ヘルパー", "麹町デイ", "日本語", plan.pattern, "居宅② 第6・7表"] + users.flatMap { [$0.name, $0.nameKana] }
            + ServiceType.all.map(\.name)
        try await fixture.test { client in
            let login = try await client.execute(uri: "/web/login", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,ja;q=0.5"]) { String(buffer: $0.body) }
            #expect(login.contains("<html lang=\"en\">") && login.contains("Login name"))
            #expect(Self.japaneseLeft(login, data: data).isEmpty, "login: \(Self.japaneseLeft(login, data: data))")
            let japanese = try await client.execute(uri: "/web/login", method: .get) { String(buffer: $0.body) }
            #expect(japanese.contains("<html lang=\"ja\">") && japanese.contains("ログイン名") && japanese.contains(">English</a>"))

            let cm = try #require(try await webLogin(client, "cm", "cm-password-1"))
            let chosen = try await client.execute(uri: "/web/outbox?lang=en", method: .get, headers: [.cookie: cm]) { $0 }
            #expect(chosen.headers[.setCookie]?.hasPrefix("careplan_lang=en;") == true && String(buffer: chosen.body).contains("<h1>Sent</h1>"))
            let helper = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let pages: [(String, String)] = [
                (cm, "/web/outbox"), (cm, "/web/units/\(plan.id)"), (cm, "/web/send"), (cm, "/web/month?month=202506"), (cm, "/web/partners?q=1310"),
                (cm, "/web/paper"), (cm, "/web/settings"), (cm, "/web/settings/password"), (cm, "/web/settings/software"), (cm, "/web/settings/time-study"), (cm, "/web/units/\(plan.id)/withdraw"), (cm, "/web/units/no-such-unit"),
                (helper, "/web/inbox"), (helper, "/web/units/\(plan.id)"), (helper, "/web/month?month=202506"), (helper, "/web/inbox?state=accepted&kind=usePlan"),
            ]
            for (cookie, path) in pages {
                let html = try await client.execute(uri: path, method: .get, headers: [.cookie: "\(cookie); careplan_lang=en"]) { String(buffer: $0.body) }
                #expect(html.contains("<html lang=\"en\">"), "\(path)")
                let left = Self.japaneseLeft(html, data: data)
                #expect(left.isEmpty, "\(path): \(left)")
            }
            // The send flow's pages: one unit's check, a batch's table.
            for files in [sampleUnit(.monthlyPlan, second: 7), sampleUnit(.monthlyPlan, second: 8) + sampleUnit(.monthlyPlan, second: 9, month: YearMonth(year: 2025, month: 5)!)] {
                var (headers, body) = multipart(files)
                headers[.cookie] = "\(cm); careplan_lang=en"
                let html = try await client.execute(uri: "/web/send", method: .post, headers: headers, body: body) { String(buffer: $0.body) }
                #expect(html.contains("<html lang=\"en\">") && (html.contains("Check before sending") || html.contains("Send all (check)")))
                #expect(Self.japaneseLeft(html, data: data).isEmpty, "send: \(Self.japaneseLeft(html, data: data))")
            }
            // The switch leads back to the same page with its query; a sheet for paper stays Japanese.
            let filtered = try await client.execute(uri: "/web/inbox?state=accepted&lang=en", method: .get, headers: [.cookie: helper]) { String(buffer: $0.body) }
            #expect(filtered.contains(#"<a id="language" href="/web/inbox?state=accepted&amp;lang=ja""#), "\(filtered.prefix(4000))")
            let cover = try await client.execute(uri: "/web/units/\(plan.id)/cover", method: .get, headers: [.cookie: "\(cm); careplan_lang=en"]) { String(buffer: $0.body) }
            #expect(cover.contains("受付済") && !cover.contains("Accepted"))
            // Back to Japanese with ?lang=ja.
            let back = try await client.execute(uri: "/web/inbox?lang=ja", method: .get, headers: [.cookie: "\(helper); careplan_lang=en"]) { $0 }
            #expect(back.headers[.setCookie]?.hasPrefix("careplan_lang=ja;") == true && String(buffer: back.body).contains("<h1>受信一覧</h1>"))
        }
    }
}

@Suite("Unit labels")
struct UnitLabelTests {
    @Test("the label's quick read of a stored file (kind column, YYYYMM after it) agrees with the full file-name parse for every pattern")
    func quickReadAgrees() throws {
        for pattern in SamplePattern.allCases {
            for file in sampleUnit(pattern, month: YearMonth(year: 2026, month: 11)!) {
                let parsed = try CarePlanFileName(parsing: file.name)
                let stored = UnitFile(unitID: "u", name: file.name, sha256: "", size: 0, kind: parsed.kind.prefix)
                let quick = try #require(UnitLabel.kindAndMonth(stored), "\(file.name)")
                #expect(quick.kind == parsed.kind && quick.month == parsed.month?.yearMonth, "\(file.name)")
            }
        }
        // 補足 for 第1〜3表 carries 000000: no month.
        let unlinked = UnitFile(unitID: "u", name: "UPHOSOKU_000000_1310100012_43_1310100021_11_20250601120000.CSV", sha256: "", size: 0, kind: "UPHOSOKU")
        #expect(UnitLabel.kindAndMonth(unlinked)?.month == nil)
    }
}
