// CarePlan Link — `careplan split`: a combined 第6表・第7表・補足 set into one unit per recipient, each valid.
import ArgumentParser
import CarePlanCSV
import Foundation
import Testing

@testable import careplan

@Suite("careplan split")
struct SplitCommandTests {
    @Test("one combined set of six users: a unit per recipient the rows name, every file valid; an existing file is not overwritten")
    func split() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let combined = (folder as NSString).appendingPathComponent("combined")
        let out = (folder as NSString).appendingPathComponent("split")
        try await run(["sample", "monthly-plan", "--users", "6", "--month", "202506", "--out", combined])
        try await run(["split", combined, "--out", out])
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let recipients = Set(written.compactMap { try? CarePlanFileName(parsing: $0).recipient.description })
        #expect(recipients == ["1310100021_11", "1310100039_15", "1310100047_17"])
        for name in written {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: (out as NSString).appendingPathComponent(name))))
            #expect(FileValidator.validate(bytes: bytes, fileName: name).isValid, "\(name)")
        }
        // Run again into the same folder: refused, nothing overwritten.
        await #expect(throws: (any Error).self) { try await run(["split", combined, "--out", out]) }
        await #expect(throws: (any Error).self) { try await run(["split", (folder as NSString).appendingPathComponent("nothing"), "--out", out]) }
    }
}
