// CarePlan Link — CarePlanCSV

/// The machine-readable result of validating files and send units (`careplan validate --format json`). A contract
/// with the scripts that read it: rename or drop nothing; add fields only.
public struct ValidationJSON: Encodable, Sendable {
    /// True only when every file and every send unit is valid.
    public let valid: Bool
    /// The profile the files were judged by (`send` or `receive`).
    public let profile: ValidationProfile
    public let files: [File]
    public let units: [Unit]

    /// One file (ファイル): its kind prefix, CSVバージョン, layout provenance, counts and diagnostics.
    public struct File: Encodable, Sendable {
        let file: String
        let kind: String?
        let csvVersion: String?
        let layout: String?
        let rows: Int
        let bytes: Int
        let valid: Bool
        let errors: Int
        let warnings: Int
        let diagnostics: [Diagnostic]
        /// The diagnostics grouped by cause (rule and item), with counts and the first rows.
        let groups: [DiagnosticGroup]
    }

    /// One send unit (送信単位): sender, recipient, ファイル連番, the pattern it matched, its files and diagnostics.
    public struct Unit: Encodable, Sendable {
        let sender: String
        let recipient: String
        let timestamp: String
        let pattern: String?
        let files: [String]
        let valid: Bool
        let diagnostics: [Diagnostic]
    }

    public init(reports: [FileReport], units: [SendUnitReport], valid: Bool, profile: ValidationProfile = .send) {
        self.valid = valid
        self.profile = profile
        self.files = reports.map {
            File(
                file: $0.file, kind: $0.name?.kind.prefix, csvVersion: $0.summary.version?.rawValue, layout: $0.layoutProvenance?.rawValue,
                rows: $0.rowCount, bytes: $0.byteCount, valid: $0.isValid, errors: $0.errorCount, warnings: $0.warningCount, diagnostics: $0.diagnostics,
                groups: DiagnosticGroup.group($0.diagnostics))
        }
        self.units = units.map {
            Unit(
                sender: $0.key.sender.description, recipient: $0.key.recipient.description, timestamp: $0.key.timestamp.description,
                pattern: $0.pattern, files: $0.files, valid: $0.isValid, diagnostics: $0.diagnostics)
        }
    }
}
