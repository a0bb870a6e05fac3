// CarePlan Link — `careplan sample --conformance-set`, `careplan conformance` and `careplan validate --profile`, run
// in-process as a vendor runs them.
import ArgumentParser
import CarePlanCSV
import Foundation
import Testing

@testable import careplan

@Suite("careplan conformance")
struct ConformanceCommandTests {
    @Test("the conformance set passes the kit; without its 第3表 it fails; the JSON and HTML reports are written")
    func kit() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let set = (folder as NSString).appendingPathComponent("set")
        try await run(["sample", "--conformance-set", "--out", set])
        #expect(try FileManager.default.contentsOfDirectory(atPath: set).count == 28)
        try await run(["conformance", set])
        try await run(["validate", "--quiet", set])

        for name in try FileManager.default.contentsOfDirectory(atPath: set) where name.hasPrefix("UP3KYO") {
            try FileManager.default.removeItem(atPath: (set as NSString).appendingPathComponent(name))
        }
        await #expect(throws: ExitCode(1)) { try await run(["conformance", set]) }
        let json = (folder as NSString).appendingPathComponent("report.json")
        await #expect(throws: ExitCode(1)) { try await run(["conformance", set, "--format", "json", "--out", json]) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(object["pass"] as? Bool == false)
        let patterns = try #require(object["patterns"] as? [[String: Any]])
        #expect(patterns.count == 14)
        #expect(patterns.first { $0["pattern"] as? String == "care-plan" }?["missingKinds"] as? [String] == ["UP3KYO"])
        let html = (folder as NSString).appendingPathComponent("report.html")
        await #expect(throws: ExitCode(1)) { try await run(["conformance", set, "--format", "html", "--out", html]) }
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<html lang=\"ja\">"))
    }

    @Test("validate --profile receive reads what send refuses: a file written with 202410")
    func profiles() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await run(["sample", "care-plan-deletion", "--out", folder])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let path = (folder as NSString).appendingPathComponent(name)
        let text = try MS932.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: path)))).replacingOccurrences(of: "202407,", with: "202410,")
        try Data(try MS932.encode(text).bytes).write(to: URL(fileURLWithPath: path))
        await #expect(throws: ExitCode(1)) { try await run(["validate", path]) }
        try await run(["validate", "--profile", "receive", path])
    }
}
