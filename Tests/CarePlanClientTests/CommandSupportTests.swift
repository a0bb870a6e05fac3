// CarePlan Link — what `careplan` hands off to the client library: conversions, version pairs, path arguments, the
// progress throttle, the JSON of validate and the export folder.
import CarePlanCSV
import Foundation
import Testing

@testable import CarePlanClient

@Suite("Command support")
struct CommandSupportTests {
    private static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-support-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("CSV → JSON → CSV gives the same bytes; invalid CSV and an unnamed JSON are refused with their reasons")
    func conversion() throws {
        let file = try #require(sampleUnit(.monthlyPlan, users: 2, timestamp: "20250525180000").first { $0.name.hasPrefix("UPPLAN") })
        let json = try DocumentConversion.json(fromCSV: file.bytes, fileName: file.name)
        let folder = URL(fileURLWithPath: try Self.folder())
        let back = try DocumentConversion.csv(fromJSON: Array(json), out: nil, inputFolder: folder, lookAlikes: false)
        #expect(back.output.bytes == file.bytes && back.target.lastPathComponent == file.name && back.rows > 0)

        #expect(throws: DocumentConversion.Failure.self) { try DocumentConversion.json(fromCSV: Array("broken".utf8), fileName: file.name) }
        var document = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        document["fileName"] = nil
        let unnamed = try JSONSerialization.data(withJSONObject: document)
        #expect {
            try DocumentConversion.csv(fromJSON: Array(unnamed), out: nil, inputFolder: folder, lookAlikes: false)
        } throws: { ($0 as? DocumentConversion.Failure)?.description.contains("no output name") == true }
    }

    @Test("path arguments: files as given, folders walked, a missing path named")
    func pathArguments() throws {
        let folder = try Self.folder()
        for file in sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000") { try Data(file.bytes).write(to: URL(fileURLWithPath: folder + "/" + file.name)) }
        let walked = try LocalUnit.specFiles(in: [folder])
        #expect(walked.count == sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000").count && walked == walked.sorted())
        #expect(try LocalUnit.specFiles(in: [walked[0]]) == [walked[0]])
        #expect(throws: LocalUnit.MissingPath(path: folder + "/nothing")) { try LocalUnit.specFiles(in: [folder + "/nothing"]) }
    }

    @Test("the redraw throttle lets one draw per interval through, and always the last")
    func throttle() {
        let throttle = RedrawThrottle(interval: .milliseconds(100))
        let start = ContinuousClock.now
        #expect(throttle.shouldDraw(final: false, now: start))
        #expect(!throttle.shouldDraw(final: false, now: start + .milliseconds(50)))
        #expect(throttle.shouldDraw(final: true, now: start + .milliseconds(60)))
        #expect(!throttle.shouldDraw(final: false, now: start + .milliseconds(100)))
        #expect(throttle.shouldDraw(final: false, now: start + .milliseconds(170)))
    }

    @Test("plans diff compares two given versions, or one with the version before it; an unknown id is named")
    func comparison() async throws {
        let store = try ImportStore.inMemory()
        for timestamp in ["20250525180000", "20250527090000"] {
            let files = try modified(sampleUnit(.monthlyPlan, users: 1, timestamp: timestamp)) { kind, records in
                guard kind == .serviceUsePlan, timestamp != "20250525180000" else { return }
                records.removeLast()
            }
            _ = try await importUnit(store, files)
        }
        let history = try await store.history(try await store.versions().filter { $0.key.family == .usagePlan }[0].key)
        let one = try await store.comparison(ids: [history[1].id])
        #expect(one.older?.id == history[0].id && one.newer.id == history[1].id)
        #expect(try await store.comparison(ids: [history[0].id]).older == nil)
        let two = try await store.comparison(ids: [history[1].id, history[0].id])
        #expect(two.older?.id == history[1].id && two.newer.id == history[0].id)
        await #expect(throws: ImportStore.UnknownVersion.self) { try await store.comparison(ids: [999]) }
    }

    @Test("validate's JSON and the export folder")
    func validationJSONAndExport() async throws {
        let files = sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000")
        let reports = files.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name) }
        let text = try ValidationJSON.text(reports: reports, units: SendUnitValidator.validate(reports), valid: true)
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(decoded["valid"] as? Bool == true && (decoded["files"] as? [Any])?.count == files.count)

        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, files)
        let folder = try Self.folder() + "/out"
        let written = try PlanExport.write(try await store.versions(currentOnly: true), to: folder)
        #expect(!written.isEmpty && written.allSatisfy { FileManager.default.fileExists(atPath: $0) && $0.hasPrefix(folder) })
    }
}
