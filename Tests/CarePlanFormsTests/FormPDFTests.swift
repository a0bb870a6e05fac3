// CarePlan Link — the forms printed by a real engine: Chromium's PDF read back with poppler (page sizes, text), its
// pages rendered to PNG, and screenshots of every form at desktop and phone widths. Artefacts are kept in
// .build-reliability/artefacts/forms/ to be looked at.
import CarePlanCSV
import Foundation
import Testing

@testable import CarePlanForms

@Suite("Forms: PDF and screenshots", .serialized, .enabled(if: FormEngine.enabled))
struct FormPDFTests {
    static let month = YearMonth(year: 2025, month: 6)!
    static let factory = SampleFactory(month: month, userCount: 2)

    /// A name as pdftotext reads it back: the ideographic space becomes a plain one.
    static func printed(_ name: String) -> String { name.replacingOccurrences(of: "\u{3000}", with: " ") }

    static func book(_ patterns: [SamplePattern]) throws -> FormBook {
        try FormBook(files: patterns.flatMap { Self.factory.files(for: $0) }.map { ($0.name.description, $0.bytes) })
    }

    @Test("a care plan and a month with 実績 as PDF: A4 in each form's orientation, titles, numbers, names and a day's marks; PNG pages")
    func pdf() async throws {
        let book = try Self.book([.carePlan, .monthlyPlan, .results])
        let pdf = FormEngine.artefacts.appendingPathComponent("care-plan-and-month.pdf")
        try Data(try await FormEngine.printer.pdf(html: book.html(title: "test"))).write(to: pdf)
        let sizes = try FormEngine.pageSizes(pdf)
        #expect(sizes.count >= book.users.count * 5)
        var seen: [String: Int] = [:]
        for (index, size) in sizes.enumerated() {
            let text = try FormEngine.text(pdf, page: index + 1)
            // A4: 595 × 842 points, either way round.
            #expect(abs(min(size.width, size.height) - 595) < 2 && abs(max(size.width, size.height) - 842) < 2)
            let landscape = size.width > size.height
            for (title, wantsLandscape) in [("居宅サービス計画書（1）", false), ("居宅サービス計画書（2）", false), ("週間サービス計画表", true), ("サービス利用票（兼居宅サービス計画）", true), ("サービス利用票別表", true)]
            where text.contains(title) {
                #expect(landscape == wantsLandscape, "\(title) on page \(index + 1)")
                seen[title, default: 0] += 1
            }
            // One user per page group: a page never shows two users' names in its heading.
            let named = book.users.filter { text.contains("\(Self.printed($0.name ?? "")) 様") }
            #expect(named.count <= 1, "page \(index + 1)")
            if text.contains("様（被保険者番号") { #expect(named.count == 1, "page \(index + 1)") }
        }
        for title in ["居宅サービス計画書（1）", "居宅サービス計画書（2）", "週間サービス計画表", "サービス利用票（兼居宅サービス計画）", "サービス利用票別表"] {
            #expect(seen[title, default: 0] >= book.users.count, "\(title)")
        }
        let all = try FormEngine.run("pdftotext", [pdf.path, "-"])
        for user in book.users {
            #expect(all.contains(user.insuredNumber))
            #expect(all.contains(Self.printed(try #require(user.name))))
        }
        // A day's marks: the Monday 10:00 visit is planned on every Monday of June 2025 and its total follows them.
        let mondays = (1...Self.month.dayCount).filter { CalendarDate(year: 2025, month: 6, day: $0)!.isoWeekday == 1 }
        let servicePage = try #require(sizes.indices.first { try FormEngine.text(pdf, page: $0 + 1).contains("サービス利用票（兼居宅サービス計画）") })
        let line = try #require(try FormEngine.text(pdf, page: servicePage + 1).split(separator: "\n").first { $0.contains("10:00〜10:30") })
        let marks = line.components(separatedBy: "予定").last!.split(separator: " ").map(String.init)
        #expect(marks == Array(repeating: "1", count: mondays.count) + [String(mondays.count)])
        let pngPrefix = FormEngine.artefacts.appendingPathComponent("care-plan-and-month-page")
        for old in try FileManager.default.contentsOfDirectory(atPath: FormEngine.artefacts.path) where old.hasPrefix("care-plan-and-month-page") {
            try FileManager.default.removeItem(at: FormEngine.artefacts.appendingPathComponent(old))
        }
        try FormEngine.run("pdftoppm", ["-png", "-r", "60", pdf.path, pngPrefix.path])
        let pages = try FileManager.default.contentsOfDirectory(atPath: FormEngine.artefacts.path).filter { $0.hasPrefix("care-plan-and-month-page") && $0.hasSuffix(".png") }
        #expect(pages.count == sizes.count)
        for page in pages {
            let bytes = try Data(contentsOf: FormEngine.artefacts.appendingPathComponent(page))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 5_000)
        }
    }

    @Test("介護予防 forms and the 送付状 / 受領書 as PDF: their titles and numbers as text")
    func preventionAndSheets() async throws {
        let book = try Self.book([.preventionPlanWithBasicInfo])
        let pdf = FormEngine.artefacts.appendingPathComponent("prevention.pdf")
        try Data(try await FormEngine.printer.pdf(html: book.html(title: "予防"))).write(to: pdf)
        let text = try FormEngine.run("pdftotext", [pdf.path, "-"])
        #expect(text.contains("利用者基本情報") && text.contains("介護予防サービス・支援計画書") && text.contains("変形性膝関節症"))
        for user in book.users { #expect(text.contains(user.insuredNumber)) }
        let sheet = UnitSheet(
            unitID: "u-1", timestamp: "20250525180000", pattern: "6表+7表+補足", state: "受信済", sender: .init(name: "ちよだ居宅", id: "1310100012_43"),
            recipient: .init(name: "神田ヘルパー", id: "1310100021_11"), acceptedAt: "2025/05/25 18:00", months: [Self.month], users: book.users,
            files: [.init(name: "UPPLAN_202506_1310100012_43_1310100021_11_20250525180000.CSV", kind: "第6表", size: 1234, sha256: String(repeating: "ab", count: 32))],
            receipts: [.init(event: "受付", time: "2025/05/25 18:00:01", by: "1310100012_43 cm", verified: true, signature: "c2lnbmF0dXJl")],
            publicKey: "cHVibGlj", printedAt: "2025/05/26 09:00")
        for (name, html, title) in [("cover", sheet.coverHTML(), "送付状"), ("receipt", sheet.receiptHTML(), "受領書")] {
            let file = FormEngine.artefacts.appendingPathComponent("\(name).pdf")
            try Data(try await FormEngine.printer.pdf(html: html)).write(to: file)
            let sheetText = try FormEngine.run("pdftotext", [file.path, "-"])
            #expect(sheetText.contains(title) && sheetText.contains("神田ヘルパー") && sheetText.contains("ちよだ居宅"))
            #expect(sheetText.contains(book.users[0].insuredNumber))
            #expect(try FormEngine.pageSizes(file).allSatisfy { $0.width < $0.height })
        }
    }

    @Test("screenshots of every form at desktop (1280) and phone (390) widths", arguments: [
        ("care-plan", [SamplePattern.carePlan]), ("month-with-results", [.monthlyPlan, .results]), ("prevention", [.preventionPlanWithBasicInfo]),
    ])
    func screenshots(_ name: String, _ patterns: [SamplePattern]) throws {
        let book = try Self.book(patterns)
        let html = FormEngine.artefacts.appendingPathComponent("\(name).html")
        try Data(book.html(title: name, userKeys: [book.users[0].key]).utf8).write(to: html)
        for (width, height) in [(1280, 2400), (390, 2400)] {
            let png = FormEngine.artefacts.appendingPathComponent("\(name)-\(width).png")
            try? FileManager.default.removeItem(at: png)
            try FormEngine.screenshot(html, width: width, height: height, to: png)
            let bytes = try Data(contentsOf: png)
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 10_000, "\(png.lastPathComponent)")
        }
    }
}
