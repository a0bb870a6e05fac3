// CarePlan Link — older CSV versions, read as far as the digest documents them.
import Foundation
import Testing

@testable import CarePlanCSV

@Suite("CSV versions")
struct VersionTests {
    /// The sample file of `kind` rewritten in `version`, named in that version's file-name form.
    private func old(_ kind: FileKind, _ version: CSVVersion) -> NamedFile {
        let file = Fixtures.file(kind)
        var name = try! CarePlanFileName(parsing: file.name)
        if version.isVersion3Family {
            name.grammar = .version3
            name.sender.serviceType = nil
            name.recipient.serviceType = nil
        }
        let csv = EditableCSV(file.bytes).downgraded(kind: kind, to: version)
        return NamedFile(name: name.description, bytes: csv.bytes)
    }

    @Test(
        "3.x files of 第6表, 第7表, 実績 and the other 居宅 kinds are read and validated",
        arguments: [CSVVersion.v201910, .v202003, .v202208])
    func version3(_ version: CSVVersion) throws {
        for kind in [FileKind.serviceUsePlan, .serviceUseAnnex, .serviceResults, .carePlanTable1, .carePlanTable2, .supplementaryUserInfo, .serviceUsePlanDeletion] {
            let file = self.old(kind, version)
            let report = file.report
            #expect(report.errorRules.isEmpty, "\(kind) \(version): \(report.diagnostics)")
            #expect(report.summary.version == version)
            let expected: FileLayout.Provenance = [.serviceUsePlan, .serviceUseAnnex, .serviceResults].contains(kind) ? .derivedFromVersion4Changes : .assumedUnchanged
            #expect(report.layoutProvenance == expected)
            let document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
            #expect(document.csvVersion == version)
        }
    }

    @Test("3.x 第6表 has 22 items and its typed records lack the 4.0 additions")
    func version3Layout() throws {
        let layout = try FileLayout.layout(of: .serviceUsePlan, version: .v202208)
        #expect(layout.fields.count == 22)
        #expect(layout.columnIndex(ofItem: 16) == nil)
        let annex = try FileLayout.layout(of: .serviceUseAnnex, version: .v202003)
        #expect(annex.field(16)?.maxLength == 2)
        #expect(annex.field(30)?.maxLength == 2)
        #expect(try FileLayout.layout(of: .serviceUseAnnex, version: .v202208).field(30)?.maxLength == 5)
        let file = self.old(.serviceUsePlan, .v202208)
        let records = try CarePlanCSVReader.read(ServiceUsePlanRecord.self, bytes: file.bytes, fileName: file.name).records
        #expect(records.allSatisfy { $0.taisCode == nil })
        // Written back, they become 202407 files.
        let rewritten = try CarePlanCSVWriter.write(records).bytes
        #expect(rewritten.starts(with: Array("202407,".utf8)))
    }

    @Test("a 3.x 7表 回数／日数 longer than 2 is too long")
    func oldLengths() {
        let file = Fixtures.edited(self.old(.serviceUseAnnex, .v202003)) { csv in
            let column = try! FileLayout.layout(of: .serviceUseAnnex, version: .v202003).columnIndex(ofItem: 16)!
            csv.set(row: 0, column: column, "100")
        }
        #expect(file.report.errorRules == [.tooLong])
    }

    @Test("202504 (4.0) files with 3-character service tokens are read with the 4.x layout")
    func version40() {
        let file = Fixtures.file(.carePlanTable1)
        let name = file.name.replacingFirst("_43_", with: "_431_").replacingFirst("_11_", with: "_111_")
        let edited = Fixtures.edited(NamedFile(name: name, bytes: file.bytes)) { $0.setAll(column: 0, "202504") }
        let report = edited.report
        #expect(report.errorRules.isEmpty, "\(report.diagnostics)")
        #expect(report.summary.version == .v202504)
        #expect(report.name?.grammar == .version4_0)
    }

    @Test("kinds that did not exist, and unknown versions, are named as such")
    func unknownLayouts() {
        #expect(throws: FileLayout.Unavailable.kindNotInVersion(.preventionPlan, .v202208)) { try FileLayout.layout(of: .preventionPlan, version: .v202208) }
        let report = Fixtures.edited(Fixtures.file(.carePlanTable1)) { $0.setAll(column: 0, "209912") }.report
        #expect(report.errorRules == [.unknownVersion])
        #expect(report.diagnostics.first?.messageEN.contains("no known layout") == true)
    }
}

@Suite("Streaming and limits")
struct StreamingTests {
    @Test("validating from a file equals validating in memory")
    func fileSource() throws {
        let file = Fixtures.edited(Fixtures.file(.serviceUsePlan, users: 40)) { $0.set(row: 5, column: Fixtures.column(.serviceUsePlan, 10), "20250631") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(file.name).path
        try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = FileValidator.validate(path: path)
        let inMemory = file.report
        #expect(fromFile.diagnostics == inMemory.diagnostics)
        #expect(fromFile.rowCount == inMemory.rowCount)
        #expect(fromFile.byteCount == file.bytes.count)
        #expect(fromFile.errorRules == [.notARealDate])
    }

    @Test("diagnostics beyond the cap are counted, not kept")
    func cap() {
        let file = Fixtures.edited(Fixtures.file(.serviceUsePlan, users: 80)) { csv in
            csv.setAll(column: Fixtures.column(.serviceUsePlan, 2), "ABCDEF")
        }
        let report = file.report
        #expect(report.diagnostics.count == FileValidator.diagnosticCap)
        #expect(report.suppressedDiagnostics > 0)
        #expect(report.errorCount == report.rowCount)
    }

    @Test("第7表 totals are checked per contiguous block of a user's rows")
    func splitUser() {
        let file = Fixtures.edited(Fixtures.file(.serviceUseAnnex)) { csv in
            let total = csv.rows.firstIndex { $0[Fixtures.column(.serviceUseAnnex, 9)] == "999999" }!
            let row = csv.rows.remove(at: total)
            let quoted = csv.quoted.remove(at: total)
            csv.rows.append(row)
            csv.quoted.append(quoted)
        }
        let report = file.report
        #expect(report.errorRules == [.missingTotalRow])
        #expect(report.warningRules == [.rowOrder])
    }

    @Test("every problem in a file is collected, each with its row and item")
    func collectsAll() {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1)) { csv in
            csv.set(row: 0, column: Fixtures.column(.carePlanTable1, 17), "9")
            csv.set(row: 1, column: Fixtures.column(.carePlanTable1, 18), "2025013")
            csv.set(row: 2, column: Fixtures.column(.carePlanTable1, 21), "26")
        }
        let located = file.report.diagnostics.map { "\($0.row!)-\($0.item!)-\($0.rule.rawValue)" }
        #expect(located == ["1-17-field.unknownCode", "2-18-field.format", "3-21-field.unknownCode"])
        #expect(file.report.diagnostics.allSatisfy { $0.file == file.name && $0.column == $0.item })
    }
}
