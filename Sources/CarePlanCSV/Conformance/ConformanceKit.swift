// CarePlan Link — CarePlanCSV
// The vendor test kit (ベンダーテストキット): a vendor exports one folder of files, the kit sorts them into the test
// patterns and says which pattern is missing, incomplete or wrong.

/// Checks a care-software vendor's export against the vendor test patterns (``ConformancePattern``).
///
/// Each file is validated with the send profile (the checks a sender must pass), files are grouped into send units by
/// sender, recipient and ファイル連番 as ``SendUnitValidator`` does (its unit rules apply too), each unit is assigned to
/// its pattern(s), and each pattern is judged: present, complete (one unit holds every required kind), error-free.
///
/// ```swift
/// let report = ConformanceKit.run(paths: files, side: .careManager)
/// print(report.text)
/// if !report.pass { exit(1) }
/// ```
///
/// The library does not walk folders: the caller lists the files (`careplan conformance` uses the same listing as
/// `careplan validate`).
public enum ConformanceKit {
    /// Validates the files at `paths` with the send profile and judges them.
    /// - Parameter side: whose export it is; decides which patterns count toward the verdict.
    public static func run(paths: [String], side: ConformanceSide = .all) -> ConformanceReport {
        Self.check(reports: paths.map { FileValidator.validate(path: $0, profile: .send) }, side: side)
    }

    /// Judges already-validated files (the reports of ``FileValidator``, validated with the send profile).
    public static func check(reports: [FileReport], side: ConformanceSide = .all) -> ConformanceReport {
        let units = SendUnitValidator.validate(reports)
        var reportsByName: [String: FileReport] = [:]
        for report in reports where report.name != nil && reportsByName[report.file] == nil { reportsByName[report.file] = report }

        // Each unit with the patterns it counts for.
        var unitsByPattern: [ConformancePattern: [(unit: SendUnitReport, files: [FileReport])]] = [:]
        for unit in units {
            let files = unit.files.compactMap { reportsByName[$0] }
            for pattern in ConformancePattern.patterns(of: files.compactMap(\.name)) {
                unitsByPattern[pattern, default: []].append((unit, files))
            }
        }
        let presentGroups = Set(unitsByPattern.keys.map(\.group))
        let required = Set(side.requiredPatterns(presentGroups: presentGroups))

        let results = ConformancePattern.allCases.map { pattern -> ConformanceReport.PatternResult in
            let found = unitsByPattern[pattern] ?? []
            var unitResults: [ConformanceReport.Unit] = []
            var diagnostics: [Diagnostic] = []
            var seenFiles = Set<String>()
            var errors = 0
            var warnings = 0
            var bestMissing = pattern.requiredKinds
            for (unit, files) in found {
                let kinds = Set(files.compactMap(\.name?.kind))
                let missing = pattern.requiredKinds.filter { !kinds.contains($0) }
                if missing.count < bestMissing.count || unitResults.isEmpty { bestMissing = missing }
                let unitErrors = unit.diagnostics.count { $0.severity == .error }
                let unitWarnings = unit.diagnostics.count { $0.severity == .warning }
                unitResults.append(
                    ConformanceReport.Unit(
                        sender: unit.key.sender.description, recipient: unit.key.recipient.description, timestamp: unit.key.timestamp.description,
                        files: unit.files, missingKinds: missing, errors: files.map(\.errorCount).reduce(unitErrors, +),
                        warnings: files.map(\.warningCount).reduce(unitWarnings, +)))
                diagnostics += unit.diagnostics
                errors += unitErrors
                warnings += unitWarnings
                for file in files where seenFiles.insert(file.file).inserted {
                    diagnostics += file.diagnostics
                    errors += file.errorCount
                    warnings += file.warningCount
                }
            }
            let present = !found.isEmpty
            let complete = present && bestMissing.isEmpty
            return ConformanceReport.PatternResult(
                pattern: pattern, required: required.contains(pattern), present: present, complete: complete,
                passed: complete && errors == 0, missingKinds: bestMissing, units: unitResults, errors: errors, warnings: warnings,
                problems: ConformanceReport.problems(diagnostics))
        }

        let unassigned = reports.filter { $0.name == nil }.map { report in
            ConformanceReport.UnassignedFile(file: report.file, errors: report.errorCount, problems: ConformanceReport.problems(report.diagnostics))
        }
        let unitDiagnostics = units.flatMap(\.diagnostics)
        let errors = reports.map(\.errorCount).reduce(0, +) + unitDiagnostics.count { $0.severity == .error }
        let warnings = reports.map(\.warningCount).reduce(0, +) + unitDiagnostics.count { $0.severity == .warning }
        let pass = !reports.isEmpty && errors == 0 && results.allSatisfy { !$0.required || $0.passed }
        return ConformanceReport(
            pass: pass, side: side, files: reports.count, errors: errors, warnings: warnings, patterns: results, unassignedFiles: unassigned)
    }
}
