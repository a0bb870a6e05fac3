// CarePlan Link — the careplan command line, run in-process.
import ArgumentParser
import CarePlanCSV
import CarePlanClient
import CarePlanExchange
import Foundation
import Testing
import CarePlanHubStore

@testable import careplan

/// A new temporary folder for one test.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs `careplan <arguments>` in-process, as the executable would.
func run(_ arguments: [String]) async throws {
    var command = try Careplan.parseAsRoot(arguments)
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}

@Suite("careplan command line")
struct CommandTests {
    @Test("arguments parse into the right commands and options")
    func parsing() throws {
        let validate = try #require(try Careplan.parseAsRoot(["validate", "--format", "json", "a.CSV", "dir"]) as? Careplan.Validate)
        #expect(validate.paths == ["a.CSV", "dir"])
        #expect(validate.format == .json)
        let sample = try #require(try Careplan.parseAsRoot(["sample", "UPPLAN", "--users", "5", "--month", "202507"]) as? Careplan.Sample)
        #expect(sample.users == 5)
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["sample", "--month", "2025-07", "--all"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["validate", "--format", "xml", "a"]) }
    }

    @Test("sample --all writes valid units; validate exits 0 for them and 1 after one byte is broken")
    func sampleThenValidate() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "--all", "--users", "2", "--out", folder])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 23 + 2 * 2)  // 23 CSV files in 11 units, plus one family image per user in the two 基本情報 units
        try await run(["validate", "--quiet", folder])

        let target = (folder as NSString).appendingPathComponent(files.first { $0.hasPrefix("UP1KYO") }!)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: target)))
        bytes[7] = UInt8(ascii: "X")  // inside 保険者番号 of row 1
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        await #expect(throws: ExitCode(1)) { try await run(["validate", "--quiet", folder]) }

        let reports = await FileValidator.validate(paths: try LocalUnit.specFiles(in: [folder]))
        let json = try ValidationJSON.text(reports: reports, units: SendUnitValidator.validate(reports), valid: false)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(decoded["valid"] as? Bool == false)
        let broken = (decoded["files"] as! [[String: Any]]).first { ($0["file"] as! String).hasPrefix("UP1KYO") }!
        let diagnostic = (broken["diagnostics"] as! [[String: Any]])[0]
        #expect(diagnostic["rule"] as? String == "field.format")
        #expect(diagnostic["row"] as? Int == 1)
        #expect(diagnostic["item"] as? Int == 2)
        #expect(diagnostic["itemName"] as? String == "保険者番号")
    }

    @Test("convert: CSV → JSON → CSV gives the same bytes; invalid JSON content is refused and nothing is written")
    func convert() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "UPSIKYU", "--users", "2", "--out", folder])
        let name = try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("UPSIKYU") }!
        let original = (folder as NSString).appendingPathComponent(name)
        let json = (folder as NSString).appendingPathComponent("annex.json")
        let output = (folder as NSString).appendingPathComponent("out/" + name)
        try FileManager.default.createDirectory(atPath: (folder as NSString).appendingPathComponent("out"), withIntermediateDirectories: true)
        try await run(["convert", original, "--out", json])
        try await run(["convert", json, "--out", output])
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: original)))

        // A JSON edit that breaks a rule (a month outside the file's month) must not produce a file.
        var text = try String(contentsOfFile: json, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"serviceMonth\" : \"202506\"", with: "\"serviceMonth\" : \"202507\"")
        try text.write(toFile: json, atomically: true, encoding: .utf8)
        let refused = (folder as NSString).appendingPathComponent("out/refused_" + name)
        await #expect(throws: (any Error).self) { try await run(["convert", json, "--out", refused]) }
        #expect(!FileManager.default.fileExists(atPath: refused))
    }

    @Test("show renders item names next to values")
    func show() throws {
        let file = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 1).files(for: .carePlanDeletion)[0]
        let text = RecordListing.render(bytes: file.bytes, fileName: file.name, name: file.name.description, limit: 10)
        #expect(text.contains("No. 3 被保険者番号"))
        #expect(text.contains("0001000000"))
        #expect(text.contains("計 1 行"))
    }
}

@Suite("Bundled samples")
struct BundledSampleTests {
    @Test("Samples/ is exactly what `careplan sample --all --users 3` writes, and it validates")
    func bundledSamplesAreCurrent() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bundled = root.appendingPathComponent("Samples").path
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "--all", "--users", "3", "--out", folder])
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundled).sorted() == expected)
        for name in expected {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
            let committed = try Data(contentsOf: URL(fileURLWithPath: (bundled as NSString).appendingPathComponent(name)))
            #expect(fresh == committed, "Samples/\(name) is stale: regenerate with `swift run careplan sample --all --users 3 --out Samples`")
        }
        try await run(["validate", "--quiet", bundled])
    }
}
