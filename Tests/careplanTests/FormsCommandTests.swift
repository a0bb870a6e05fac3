// CarePlan Link — `careplan forms`: a unit folder to HTML (every user, and one file per user) and to PDF; an invalid
// file refused with its name, nothing written.
import ArgumentParser
import CarePlanCSV
import CarePlanForms
import Foundation
import Testing

@testable import careplan

@Suite("careplan forms")
struct FormsCommandTests {
    @Test("a month's 第6表 unit and its 実績 to HTML: index.html with both users' forms, one file per user, 予定 and 実績 together")
    func html() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let units = (folder as NSString).appendingPathComponent("units")
        let out = (folder as NSString).appendingPathComponent("html")
        try await run(["sample", "monthly-plan", "results", "--users", "2", "--month", "202506", "--out", units])
        let results = try #require(try FileManager.default.contentsOfDirectory(atPath: units).first { $0.hasPrefix("UPJSK_") })
        // A folder and a file of it: the file is read once.
        try await run(["forms", units, (units as NSString).appendingPathComponent(results), "--html", out])
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let users = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2).users
        #expect(written == (["index.html"] + users.map { "\($0.insurerNumber)-\($0.insuredNumber).html" }).sorted())
        let index = try String(contentsOfFile: (out as NSString).appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.components(separatedBy: "data-form=\"service-use\"").count - 1 == 2)
        #expect(index.contains("令和7年6月分　予定・実績") && index.contains("class=\"differs\""))
        for user in users { #expect(index.contains(user.insuredNumber)) }
        let one = try String(contentsOfFile: (out as NSString).appendingPathComponent("\(users[0].insurerNumber)-\(users[0].insuredNumber).html"), encoding: .utf8)
        #expect(one.contains(users[0].insuredNumber) && !one.contains("id=\"user-\(users[1].insurerNumber)-\(users[1].insuredNumber)\""))
    }

    @Test("an invalid file is refused with its name and errors; without --out or --html the command says what to give")
    func refusals() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "care-plan", "--users", "1", "--out", folder])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("UP1KYO") })
        let path = (folder as NSString).appendingPathComponent(name)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[7] = UInt8(ascii: "X")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let out = (folder as NSString).appendingPathComponent("html")
        await #expect {
            try await run(["forms", folder, "--html", out])
        } throws: { error in
            "\(error)".contains("帳票にできません") && "\(error)".contains(name)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["forms", folder]) }
    }

    @Test("to PDF with Chromium: a PDF file", .enabled(if: PDFPrinter.find().executable != nil || ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_BROWSER"] == "1"))
    func pdf() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "prevention-plan-with-basic-info", "--users", "1", "--out", folder])
        let pdf = (folder as NSString).appendingPathComponent("forms.pdf")
        try await run(["forms", folder, "--out", pdf])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(Array(bytes.prefix(5)) == Array("%PDF-".utf8) && bytes.count > 10_000)
    }
}
