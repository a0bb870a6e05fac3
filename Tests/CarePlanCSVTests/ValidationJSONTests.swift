// CarePlan Link — the `--format json` contract and the concurrent validator that feeds it.
import Foundation
import Testing

@testable import CarePlanCSV

/// The JSON shape as `careplan validate --format json` wrote it before it moved into the library: the contract the
/// library type must keep byte for byte.
private struct ContractOutput: Encodable {
    struct File: Encodable {
        let file: String, kind: String?, csvVersion: String?, layout: String?, rows: Int, bytes: Int, valid: Bool, errors: Int, warnings: Int
        let diagnostics: [Diagnostic]
    }
    struct Unit: Encodable {
        let sender: String, recipient: String, timestamp: String, pattern: String?, files: [String], valid: Bool, diagnostics: [Diagnostic]
    }
    let valid: Bool
    let files: [File]
    let units: [Unit]

    init(reports: [FileReport], units: [SendUnitReport], valid: Bool) {
        self.valid = valid
        self.files = reports.map {
            File(file: $0.file, kind: $0.name?.kind.prefix, csvVersion: $0.summary.version?.rawValue, layout: $0.layoutProvenance?.rawValue,
                 rows: $0.rowCount, bytes: $0.byteCount, valid: $0.isValid, errors: $0.errorCount, warnings: $0.warningCount, diagnostics: $0.diagnostics)
        }
        self.units = units.map {
            Unit(sender: $0.key.sender.description, recipient: $0.key.recipient.description, timestamp: $0.key.timestamp.description,
                 pattern: $0.pattern, files: $0.files, valid: $0.isValid, diagnostics: $0.diagnostics)
        }
    }
}

@Suite("ValidationJSON")
struct ValidationJSONTests {
    /// Sample units of every pattern in a new folder, with one byte of the 第1表 broken; the paths, sorted.
    private func sampleFolder() throws -> (folder: String, paths: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-json-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var broken = false
        for (index, pattern) in SamplePattern.allCases.enumerated() {
            var factory = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2)
            factory.timestamp = FileTimestamp(String(factory.timestamp.description.prefix(12)) + String(format: "%02d", index))!
            for file in factory.files(for: pattern) {
                var bytes = file.bytes
                if file.name.kind == .carePlanTable1 && !broken {
                    bytes[7] = UInt8(ascii: "X")  // inside 保険者番号 of row 1
                    broken = true
                }
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + file.name.description))
            }
        }
        let paths = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 }
        return (folder, paths)
    }

    private func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Whether every key of `contract` is in `output` with the same value, recursively (arrays element by element):
    /// the contract allows added fields only.
    private func keeps(_ contract: Any, in output: Any) -> Bool {
        switch (contract, output) {
        case (let contract as [String: Any], let output as [String: Any]):
            return contract.allSatisfy { key, value in output[key].map { self.keeps(value, in: $0) } ?? false }
        case (let contract as [Any], let output as [Any]):
            return contract.count == output.count && zip(contract, output).allSatisfy { self.keeps($0, in: $1) }
        case (let contract as NSObject, let output as NSObject):
            return contract == output
        default:
            return false
        }
    }

    @Test("the library type keeps every field and value of the command's contract (fields are only added), valid and invalid files and units alike")
    func contractKept() async throws {
        let (folder, paths) = try sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reports = await FileValidator.validate(paths: paths)
        let units = SendUnitValidator.validate(reports)
        #expect(reports.contains { !$0.isValid } && reports.contains { $0.isValid })
        let json = try encode(ValidationJSON(reports: reports, units: units, valid: false))
        let contract = try JSONSerialization.jsonObject(with: try encode(ContractOutput(reports: reports, units: units, valid: false)))
        #expect(self.keeps(contract, in: try JSONSerialization.jsonObject(with: json)))
        // A field dropped from the output breaks the contract (the check can fail).
        var trimmed = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        trimmed["units"] = []
        #expect(!self.keeps(contract, in: trimmed))
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"files\" : [\n    {\n      \"bytes\" : "))
        #expect(text.contains("\"itemName\" : \"保険者番号\""))
    }

    @Test("concurrent validation keeps the input order and gives what one-by-one validation gives, at any width")
    func concurrentOrder() async throws {
        let (folder, paths) = try sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A large file first, so that with more than one task the small ones finish before it.
        let large = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 1_000).files(for: .monthlyPlan)[0]
        let largePath = folder + "/large/" + large.name.description
        try FileManager.default.createDirectory(atPath: folder + "/large", withIntermediateDirectories: true)
        try Data(large.bytes).write(to: URL(fileURLWithPath: largePath))
        let ordered = [largePath] + paths.reversed()
        let one = ordered.map { FileValidator.validate(path: $0) }
        for width in [1, 3, 64] {
            let reports = await FileValidator.validate(paths: ordered, width: width)
            #expect(reports.map(\.file) == one.map(\.file))
            #expect(reports.map(\.rowCount) == one.map(\.rowCount))
            #expect(reports.map(\.errorCount) == one.map(\.errorCount))
        }
        #expect(await FileValidator.validate(paths: []).isEmpty)
        #expect(FileValidator.processorCount >= 1)
    }
}
