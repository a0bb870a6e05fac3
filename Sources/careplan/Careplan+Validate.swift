// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import Foundation

extension Careplan {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate files and send units against the standard (検証). Exit code 0 only when every file and unit is valid.")

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @Argument(help: "Files or folders (folders are searched recursively for .CSV and .jpg files).", completion: .file())
        var paths: [String]

        @Option(help: "Output format: text (human-readable, Japanese and English) or json.")
        var format: OutputFormat = .text

        @Flag(help: "Do not show warnings in text output.")
        var quiet = false

        func run() async throws {
            let files = try FileCollector.collect(self.paths)
            guard !files.isEmpty else { throw CommandError("検証するファイルがありません / no files to validate") }
            let reports = await FileValidator.validate(paths: files)
            let units = SendUnitValidator.validate(reports)
            let valid = reports.allSatisfy(\.isValid) && units.allSatisfy(\.isValid)
            switch self.format {
            case .json:
                print(try ValidationOutput.json(reports: reports, units: units, valid: valid))
            case .text:
                print(ValidationOutput.text(reports: reports, units: units, showWarnings: !self.quiet))
            }
            if !valid { throw ExitCode(1) }
        }
    }
}

/// Renders validation results for people and for machines.
enum ValidationOutput {
    static func text(reports: [FileReport], units: [SendUnitReport], showWarnings: Bool) -> String {
        var lines: [String] = []
        for report in reports {
            let status = report.isValid ? "OK  " : "NG  "
            let kind = report.name.map { "\($0.kind.prefix) \($0.kind.japaneseName)" } ?? "?"
            let version = report.summary.version.map { " CSV\($0.rawValue)" } ?? ""
            lines.append("\(status)\(report.file)  [\(kind)\(version)] \(report.rowCount)行/rows, エラー/errors \(report.errorCount), 警告/warnings \(report.warningCount)")
            if report.layoutProvenance == .assumedUnchanged {
                lines.append("    注意/note: このCSVバージョンのレイアウトは仕様に差分の記載がなく、4.xと同じとみなしています / layout assumed equal to 4.x (no documented differences)")
            }
            for diagnostic in report.diagnostics where showWarnings || diagnostic.severity == .error {
                lines.append("    " + diagnostic.description)
            }
            if report.suppressedDiagnostics > 0 {
                lines.append("    …ほか\(report.suppressedDiagnostics)件のエラー / … and \(report.suppressedDiagnostics) more errors")
            }
        }
        for unit in units {
            let status = unit.isValid ? "OK  " : "NG  "
            lines.append("\(status)送信単位/send unit \(unit.key)  \(unit.pattern ?? "?")  (\(unit.files.count) files)")
            for diagnostic in unit.diagnostics where showWarnings || diagnostic.severity == .error {
                lines.append("    " + diagnostic.description)
            }
        }
        let errors = reports.map(\.errorCount).reduce(0, +) + units.flatMap(\.diagnostics).count { $0.severity == .error }
        lines.append(
            errors == 0
                ? "結果: すべて有効（\(reports.count)ファイル、\(units.count)送信単位） / result: all valid (\(reports.count) files, \(units.count) units)"
                : "結果: エラー\(errors)件 / result: \(errors) error(s)")
        return lines.joined(separator: "\n")
    }

    /// The ``ValidationJSON`` contract, sorted and pretty-printed.
    static func json(reports: [FileReport], units: [SendUnitReport], valid: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(ValidationJSON(reports: reports, units: units, valid: valid)), as: UTF8.self)
    }
}
