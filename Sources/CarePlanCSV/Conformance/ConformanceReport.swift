// CarePlan Link — CarePlanCSV

/// The result of a conformance run (適合性確認・ベンダーテスト) over a vendor's export: each test pattern with its send
/// units, completeness and problems, the files that fit no pattern, and the verdict.
///
/// `careplan conformance --format json` writes this type. A contract with the scripts that read it: rename or drop
/// nothing; add fields only. Top-level keys: `pass`, `side`, `files`, `errors`, `warnings`, `patterns`, `unassignedFiles`.
public struct ConformanceReport: Codable, Sendable, Hashable {
    /// 判定: true when every required pattern is present and complete, and no file or unit has an error.
    public var pass: Bool
    /// The party whose export was judged.
    public var side: ConformanceSide
    /// Number of files examined.
    public var files: Int
    /// Errors in all files and units (each file counted once).
    public var errors: Int
    /// Warnings in all files and units (each file counted once).
    public var warnings: Int
    /// Every pattern, in ``ConformancePattern`` order, whether present or not.
    public var patterns: [PatternResult]
    /// Files that belong to no pattern (their names are not spec file names).
    public var unassignedFiles: [UnassignedFile]

    public init(
        pass: Bool, side: ConformanceSide, files: Int, errors: Int, warnings: Int, patterns: [PatternResult], unassignedFiles: [UnassignedFile]
    ) {
        self.pass = pass
        self.side = side
        self.files = files
        self.errors = errors
        self.warnings = warnings
        self.patterns = patterns
        self.unassignedFiles = unassignedFiles
    }

    /// The result of one test pattern (テストパターン).
    public struct PatternResult: Codable, Sendable, Hashable {
        public var pattern: ConformancePattern
        /// The pattern's Japanese name (e.g. 「居宅① 計画書（第1・2・3表＋補足）」).
        public var title: String
        /// The pattern's English name.
        public var titleEnglish: String
        /// 居宅 or 予防.
        public var group: ConformancePattern.Group
        /// Whether the pattern counts toward ``ConformanceReport/pass`` (see ``ConformanceSide``).
        public var required: Bool
        /// At least one send unit of the pattern is in the export.
        public var present: Bool
        /// At least one unit holds every required file kind.
        public var complete: Bool
        /// Present, complete and free of errors.
        public var passed: Bool
        /// The kinds a unit of the pattern must hold.
        public var requiredKinds: [FileKind]
        /// The required kinds the most complete unit lacks (all of them when the pattern is not present).
        public var missingKinds: [FileKind]
        /// The pattern's send units, oldest ファイル連番 first.
        public var units: [Unit]
        /// Errors in the pattern's files and units.
        public var errors: Int
        /// Warnings in the pattern's files and units.
        public var warnings: Int
        /// The diagnostics grouped by rule, errors first.
        public var problems: [Problem]

        public init(
            pattern: ConformancePattern, required: Bool, present: Bool, complete: Bool, passed: Bool, missingKinds: [FileKind], units: [Unit],
            errors: Int, warnings: Int, problems: [Problem]
        ) {
            self.pattern = pattern
            self.title = pattern.japaneseTitle
            self.titleEnglish = pattern.englishTitle
            self.group = pattern.group
            self.required = required
            self.present = present
            self.complete = complete
            self.passed = passed
            self.requiredKinds = pattern.requiredKinds
            self.missingKinds = missingKinds
            self.units = units
            self.errors = errors
            self.warnings = warnings
            self.problems = problems
        }
    }

    /// One send unit (送信単位) found for a pattern.
    public struct Unit: Codable, Sendable, Hashable {
        /// 送信元 事業所番号_サービス種類.
        public var sender: String
        /// 送信先 事業所番号_サービス種類.
        public var recipient: String
        /// ファイル連番 (YYYYMMDDHHMMSS).
        public var timestamp: String
        /// The unit's file names, sorted.
        public var files: [String]
        /// Required kinds of the pattern this unit lacks.
        public var missingKinds: [FileKind]
        /// Errors in the unit's files and in the unit as a whole.
        public var errors: Int
        /// Warnings in the unit's files and in the unit as a whole.
        public var warnings: Int

        public init(sender: String, recipient: String, timestamp: String, files: [String], missingKinds: [FileKind], errors: Int, warnings: Int) {
            self.sender = sender
            self.recipient = recipient
            self.timestamp = timestamp
            self.files = files
            self.missingKinds = missingKinds
            self.errors = errors
            self.warnings = warnings
        }
    }

    /// The diagnostics of one rule, counted, with where the first ones are. No row contents are included (the
    /// report may be handed to a test body), only file names, rows and item numbers.
    public struct Problem: Codable, Sendable, Hashable {
        /// The rule's stable identifier (e.g. `field.notARealDate`).
        public var rule: Rule
        public var severity: Diagnostic.Severity
        /// How many diagnostics of the rule were found.
        public var count: Int
        /// The first places (at most ``ConformanceReport/locationLimit``).
        public var firstRows: [Location]
        /// The rule, Japanese then English: 「日本語 / English」.
        public var message: String
        /// The first diagnostic's own message, Japanese then English.
        public var example: String

        public init(rule: Rule, severity: Diagnostic.Severity, count: Int, firstRows: [Location], message: String, example: String) {
            self.rule = rule
            self.severity = severity
            self.count = count
            self.firstRows = firstRows
            self.message = message
            self.example = example
        }
    }

    /// Where a diagnostic is: file, 行 (1-based record) and 項番.
    public struct Location: Codable, Sendable, Hashable, CustomStringConvertible {
        public var file: String?
        public var row: Int?
        /// 項番 (No.)
        public var item: Int?

        public init(file: String?, row: Int?, item: Int?) {
            self.file = file
            self.row = row
            self.item = item
        }

        /// `FILE 行3 No.10`
        public var description: String {
            var parts: [String] = []
            if let file = self.file { parts.append(file) }
            if let row = self.row { parts.append("行\(row)") }
            if let item = self.item { parts.append("No.\(item)") }
            return parts.isEmpty ? "送信単位 / unit" : parts.joined(separator: " ")
        }
    }

    /// A file that belongs to no pattern (未分類ファイル), with its problems.
    public struct UnassignedFile: Codable, Sendable, Hashable {
        public var file: String
        public var errors: Int
        public var problems: [Problem]

        public init(file: String, errors: Int, problems: [Problem]) {
            self.file = file
            self.errors = errors
            self.problems = problems
        }
    }

    /// How many locations a ``Problem`` lists.
    public static let locationLimit = 5

    /// The result of `pattern`.
    public func result(_ pattern: ConformancePattern) -> PatternResult? { self.patterns.first { $0.pattern == pattern } }

    /// Groups diagnostics by rule and severity: errors first, then by count (most first) and rule identifier.
    public static func problems(_ diagnostics: [Diagnostic]) -> [Problem] {
        var order: [String] = []
        var groups: [String: (first: Diagnostic, count: Int, locations: [Location])] = [:]
        for diagnostic in diagnostics {
            let key = diagnostic.severity.rawValue + " " + diagnostic.rule.rawValue
            let location = Location(file: diagnostic.file, row: diagnostic.row, item: diagnostic.item)
            if var group = groups[key] {
                group.count += 1
                if group.locations.count < Self.locationLimit { group.locations.append(location) }
                groups[key] = group
            } else {
                order.append(key)
                groups[key] = (diagnostic, 1, [location])
            }
        }
        let problems = order.map { key -> Problem in
            let group = groups[key]!
            let rule = group.first.rule
            let example = group.first.messageEN.isEmpty ? group.first.messageJA : "\(group.first.messageJA) / \(group.first.messageEN)"
            return Problem(
                rule: rule, severity: group.first.severity, count: group.count, firstRows: group.locations, message: "\(rule.japanese) / \(rule.english)",
                example: example)
        }
        return problems.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            return lhs.rule.rawValue < rhs.rule.rawValue
        }
    }
}
