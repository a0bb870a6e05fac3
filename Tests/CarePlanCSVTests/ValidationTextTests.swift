// CarePlan Link — the validation report for people.
import Testing

@testable import CarePlanCSV

@Suite("ValidationText")
struct ValidationTextTests {
    @Test("a valid unit: a line per file and unit and the closing result; a broken file: NG, its error, and the count")
    func report() {
        let files = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 1).files(for: .monthlyPlan)
        let reports = files.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name.description) }
        let text = ValidationText.render(reports: reports, units: SendUnitValidator.validate(reports), showWarnings: true)
        let lines = text.split(separator: "\n")
        #expect(lines.count == files.count + 2)
        #expect(lines.allSatisfy { $0.hasPrefix("OK  ") || $0.hasPrefix("結果: ") })
        #expect(lines.last == "結果: すべて有効（\(files.count)ファイル、1送信単位） / result: all valid (\(files.count) files, 1 units)")

        var bytes = files[0].bytes
        bytes[7] = UInt8(ascii: "X")
        let broken = [FileValidator.validate(bytes: bytes, fileName: files[0].name.description)]
        let failed = ValidationText.render(reports: broken, units: [], showWarnings: false).split(separator: "\n")
        #expect(failed[0].hasPrefix("NG  \(files[0].name.description)  [\(files[0].name.kind.prefix) "))
        #expect(failed.contains { $0.hasPrefix("    エラー/error ") })
        #expect(failed.last == "結果: エラー1件 / result: 1 error(s)")
    }
}
