// CarePlan Link — CarePlanCSV

/// Validation results for people, Japanese first then English: a line per file and per send unit (送信単位), its
/// diagnostics indented below it, and a closing 結果 line. Problems of one cause are grouped (``DiagnosticGroup``): one
/// line with a count and the first rows, unless `grouped` is false.
public enum ValidationText {
    /// The report; warnings only when `showWarnings`, errors always.
    public static func render(reports: [FileReport], units: [SendUnitReport], showWarnings: Bool, grouped: Bool = true) -> String {
        func rendered(_ diagnostics: [Diagnostic]) -> [String] {
            let shown = diagnostics.filter { showWarnings || $0.severity == .error }
            return grouped ? DiagnosticGroup.group(shown).map { "    " + $0.description } : shown.map { "    " + $0.description }
        }
        var lines: [String] = []
        for report in reports {
            let status = report.isValid ? "OK  " : "NG  "
            let kind = report.name.map { "\($0.kind.prefix) \($0.kind.japaneseName)" } ?? "?"
            let version = report.summary.version.map { " CSV\($0.rawValue)" } ?? ""
            lines.append("\(status)\(report.file)  [\(kind)\(version)] \(report.rowCount)行/rows, エラー/errors \(report.errorCount), 警告/warnings \(report.warningCount)")
            if report.layoutProvenance == .assumedUnchanged {
                lines.append("    注意/note: このCSVバージョンのレイアウトは仕様に差分の記載がなく、4.xと同じとみなしています / layout assumed equal to 4.x (no documented differences)")
            }
            lines += rendered(report.diagnostics)
            if report.suppressedDiagnostics > 0 {
                lines.append("    …ほか\(report.suppressedDiagnostics)件のエラー / … and \(report.suppressedDiagnostics) more errors")
            }
        }
        for unit in units {
            let status = unit.isValid ? "OK  " : "NG  "
            lines.append("\(status)送信単位/send unit \(unit.key)  \(unit.pattern ?? "?")  (\(unit.files.count) files)")
            lines += rendered(unit.diagnostics)
        }
        let errors = reports.map(\.errorCount).reduce(0, +) + units.flatMap(\.diagnostics).count { $0.severity == .error }
        lines.append(
            errors == 0
                ? "結果: すべて有効（\(reports.count)ファイル、\(units.count)送信単位） / result: all valid (\(reports.count) files, \(units.count) units)"
                : "結果: エラー\(errors)件 / result: \(errors) error(s)")
        return lines.joined(separator: "\n")
    }
}
