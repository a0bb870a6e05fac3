// CarePlan Link — CarePlanCSV

/// Validates one file of the standard while streaming it: memory depends on the number of distinct keys, not on
/// the file's size.
///
/// ```swift
/// let report = FileValidator.validate(path: "UPPLAN_202504_0300000100_43_0300000005_11_20250325200201.CSV")
/// for problem in report.diagnostics { print(problem) }
/// ```
public enum FileValidator {
    /// Diagnostics kept per file; further ones are only counted.
    public static let diagnosticCap = 1000

    /// Validates the file at `path`; the file name is taken from its last path component.
    public static func validate(path: String) -> FileReport {
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        do {
            let source = try FileByteSource(path: path)
            return Self.validate(source: source, fileName: fileName)
        } catch {
            var report = FileReport(file: fileName, name: try? CarePlanFileName(parsing: fileName))
            report.diagnostics.append(Diagnostic(.error, .fileNameGrammar, file: fileName, ja: "ファイルを読めません", en: error.description))
            return report
        }
    }

    /// Validates in-memory bytes named `fileName`.
    public static func validate(bytes: [UInt8], fileName: String) -> FileReport {
        Self.validate(source: MemoryByteSource(bytes), fileName: fileName)
    }

    /// Validates bytes from `source`, named `fileName`.
    public static func validate<Source: ByteSource>(source: Source, fileName: String) -> FileReport {
        let name: CarePlanFileName?
        var nameError: FileNameError?
        do {
            name = try CarePlanFileName(parsing: fileName)
        } catch {
            name = nil
            nameError = error
        }
        let run = FileValidationRun(fileName: fileName, name: name)
        if let nameError {
            run.add(Diagnostic(.error, .fileNameGrammar, file: fileName, value: nameError.token, ja: nameError.description, en: ""))
        }
        if let name, name.kind.isImage {
            run.validateImage(source: source)
        } else {
            run.validateCSV(source: source)
        }
        return run.report
    }
}

/// The state of one validation pass.
/// Single-threaded; exclusivity checks are off for its state for the same reason as in ``CSVRecordReader``.
final class FileValidationRun {
    @exclusivity(unchecked) var report: FileReport
    let fileName: String
    let name: CarePlanFileName?
    @exclusivity(unchecked) private(set) var layout: FileLayout?
    @exclusivity(unchecked) private var firstVersionText: String?
    @exclusivity(unchecked) private var lineEnding: LineTerminator?
    /// Owns the row rules; `rowRules` is the same object, read without retain/release in the per-record path.
    private var rowRulesOwner: RowRules?
    @exclusivity(unchecked) unowned(unsafe) private var rowRules: RowRules?
    // The compiled layout as raw buffers owned by this run: reading them per record costs no reference counting.
    @exclusivity(unchecked) private var columnChecks = UnsafeMutableBufferPointer<ColumnCheck>(start: nil, count: 0)
    @exclusivity(unchecked) private var codeValues = UnsafeMutableBufferPointer<UInt16>(start: nil, count: 0)
    @exclusivity(unchecked) private var serviceTypeTable = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    @exclusivity(unchecked) private var itemColumns = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)

    init(fileName: String, name: CarePlanFileName?) {
        self.fileName = fileName
        self.name = name
        self.report = FileReport(file: fileName, name: name)
        self.report.summary.kind = name?.kind
    }

    deinit {
        self.columnChecks.deallocate()
        self.codeValues.deallocate()
        self.serviceTypeTable.deallocate()
        self.itemColumns.deallocate()
    }

    /// Compiles `layout` for the per-record loop.
    private func prepare(_ layout: FileLayout, kind: FileKind) {
        let rules = RowRules(kind: kind, layout: layout, name: self.name)
        self.rowRulesOwner = rules
        self.rowRules = rules
        let checks = LayoutChecks(layout)
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }
        self.columnChecks = copy(checks.columns)
        self.codeValues = copy(checks.codes)
        self.serviceTypeTable = copy(ServiceTypeIndex.table)
        self.itemColumns = copy(rules.columnOfItem)
    }

    func add(_ diagnostic: Diagnostic) {
        if self.report.diagnostics.count < FileValidator.diagnosticCap {
            var diagnostic = diagnostic
            if diagnostic.messageEN.isEmpty {
                // Errors that carry one bilingual "日本語 / English" description are split into the two languages.
                let parts = diagnostic.messageJA.split(separator: " / ", maxSplits: 1)
                if parts.count == 2 {
                    diagnostic.messageJA = String(parts[0])
                    diagnostic.messageEN = String(parts[1])
                }
            }
            self.report.diagnostics.append(diagnostic)
        } else if diagnostic.severity == .error {
            self.report.suppressedDiagnostics += 1
        }
    }

    // MARK: - Images

    func validateImage<Source: ByteSource>(source: Source) {
        var source = source
        let head = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
        defer { head.deallocate() }
        var total = 0
        var first: [UInt8] = []
        while let count = try? source.read(into: head), count > 0 {
            if first.count < 3 { first += head.prefix(min(count, 3 - first.count)) }
            total += count
        }
        self.report.byteCount = total
        if first != [0xFF, 0xD8, 0xFF] {
            self.add(Diagnostic(.error, .notJPEG, file: self.fileName, ja: "JPEG画像ではありません（先頭がFFD8FFでない）", en: "not a JPEG image (does not start with FFD8FF)"))
        }
    }

    // MARK: - CSV

    func validateCSV<Source: ByteSource>(source: Source) {
        let reader = CSVRecordReader(source: source)
        do {
            while try reader.next() {
                self.report.rowCount += 1
                self.checkRecord(reader)
            }
        } catch {
            self.add(Diagnostic(.error, .encodingUndefined, file: self.fileName, ja: "読み込みに失敗しました", en: error.description))
        }
        self.report.byteCount = reader.bytesConsumed
        if self.report.rowCount == 0 {
            self.add(Diagnostic(.warning, .emptyFile, file: self.fileName, ja: "データレコードがありません", en: "the file has no data records"))
        }
        self.rowRules?.finish(self)
    }

    /// Adds a diagnostic located at the current record (and optionally at one field).
    func addAt(
        _ reader: CSVRecordReader<some ByteSource>, _ severity: Diagnostic.Severity, _ rule: Rule, column: Int? = nil,
        offset: Int? = nil, value: String? = nil, ja: String, en: String
    ) {
        var item: Int?
        var itemName: String?
        if let column, let layout = self.layout, column - 1 < layout.fields.count {
            item = layout.fields[column - 1].number
            itemName = layout.fields[column - 1].name
        } else if column == 1 {
            // Column 1 is CSVバージョン in every layout, even when the version is unknown.
            item = 1
            itemName = "CSVバージョン"
        }
        self.add(
            Diagnostic(
                severity, rule, file: self.fileName, row: reader.recordNumber, line: reader.recordLine, column: column, item: item,
                itemName: itemName, byteOffset: offset, value: value, ja: ja, en: en))
    }

    private func checkRecord<Source: ByteSource>(_ reader: CSVRecordReader<Source>) {
        // The layout comes first so that syntax problems can name their item.
        let hasLayout = self.resolveLayout(reader)
        if !reader.issues.isEmpty { self.reportSyntaxIssues(reader) }
        if reader.terminator != .endOfFile { self.checkLineEnding(reader) }
        self.checkFields(reader, hasLayout: hasLayout)
    }

    private func reportSyntaxIssues<Source: ByteSource>(_ reader: CSVRecordReader<Source>) {
        for issue in reader.issues {
            let (rule, ja, en): (Rule, String, String) =
                switch issue.kind {
                case .quoteInUnquotedField: (.quoteInUnquotedField, "「\"」で囲まれていない項目に「\"」があります", "double quote inside an unquoted field")
                case .textAfterClosingQuote: (.textAfterClosingQuote, "閉じ「\"」の後に文字があります", "characters after the closing quote")
                case .unterminatedQuote: (.unterminatedQuote, "「\"」が閉じられないままファイルが終わっています", "the file ends inside a quoted field")
                case .bareCarriageReturn: (.bareCarriageReturn, "CRだけの改行です", "line ends in a bare CR")
                }
            self.addAt(reader, .error, rule, column: issue.fieldIndex + 1, offset: issue.byteOffset, ja: ja, en: en)
        }
    }

    private func checkLineEnding<Source: ByteSource>(_ reader: CSVRecordReader<Source>) {
        if let first = self.lineEnding, first != reader.terminator {
            if first != .cr {
                self.addAt(
                    reader, .warning, .mixedLineEndings, ja: "改行コードが混在しています（\(first.rawValue)と\(reader.terminator.rawValue)）",
                    en: "mixed line endings (\(first.rawValue) and \(reader.terminator.rawValue))")
                self.lineEnding = .cr  // report once
            }
        } else if self.lineEnding == nil {
            self.lineEnding = reader.terminator
        }
    }

    private func checkFields<Source: ByteSource>(_ reader: CSVRecordReader<Source>, hasLayout: Bool) {
        guard hasLayout, let rules = self.rowRules else { return }
        let columns = UnsafeBufferPointer(self.columnChecks)
        guard reader.fieldCount == columns.count else {
            let layout = self.layout!
            self.addAt(
                reader, .error, .fieldCount, value: String(reader.fieldCount),
                ja: "項目数が\(reader.fieldCount)です（\(layout.kind.prefix) CSVバージョン\(layout.version.rawValue)は\(layout.fields.count)項目）",
                en: "\(reader.fieldCount) items; \(layout.kind.prefix) version \(layout.version.rawValue) has \(layout.fields.count)")
            return
        }
        let codes = UnsafeBufferPointer(self.codeValues)
        let serviceTypes = UnsafeBufferPointer(self.serviceTypeTable)
        var rowIsClean = true
        reader.withRecord { record in
            // One scan of the raw record (quotes and commas are ASCII, so this finds exactly the fields' problems);
            // fields are rescanned only to locate one.
            let recordIsMS932 = MS932.firstInvalidSequence(in: record.raw) == nil
            for index in 1..<columns.count {
                let value = record.field(index)
                let problems = FieldChecker.check(
                    value, quoted: record.quoted[index], column: columns[index], codes: codes, serviceTypes: serviceTypes, checkEncoding: !recordIsMS932)
                if !problems.isEmpty {
                    rowIsClean = self.report(problems, value: value, column: index, reader: reader) && rowIsClean
                }
            }
            // Cross-item rules assume each item is well-formed; a row with field errors has already been reported.
            guard rowIsClean else { return }
            rules.check(
                RowView(all: record.buffer, starts: record.starts, ends: record.ends, columnOfItem: UnsafeBufferPointer(self.itemColumns), row: reader.recordNumber),
                reader: reader, run: self)
        }
    }

    /// Reports a field's problems; returns false when one of them is an error.
    private func report(_ problems: [FieldProblem], value: UnsafeBufferPointer<UInt8>, column index: Int, reader: CSVRecordReader<some ByteSource>) -> Bool {
        var clean = true
        for var problem in problems {
            if let layout = self.layout { FieldChecker.wordFormatProblem(&problem, spec: layout.fields[index]) }
            if problem.severity == .error { clean = false }
            let offset = reader.fieldOffset(index) + (reader.isQuoted(index) ? 1 : 0) + (problem.offsetInValue ?? 0)
            let shown = problem.rule == .encodingUndefined || problem.rule == .encodingUserDefined
                ? value.prefix(8).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                : MS932.lossyText(value, limit: 64)
            self.addAt(reader, problem.severity, problem.rule, column: index + 1, offset: offset, value: shown, ja: problem.ja, en: problem.en)
        }
        return clean
    }

    /// Determines the layout from the first record's CSVバージョン and checks later records use the same.
    private func resolveLayout<Source: ByteSource>(_ reader: CSVRecordReader<Source>) -> Bool {
        if let first = self.firstVersionText {
            // Compared as bytes: this runs for every record.
            if !reader.withField(0, { field in first.utf8.withContiguousStorageIfAvailable { Bytes.equal(field, $0) } ?? false }) {
                let versionText = reader.withField(0) { String(decoding: $0, as: UTF8.self) }
                self.addAt(
                    reader, .error, .mixedVersions, column: 1, value: versionText, ja: "CSVバージョンが1行目（\(first)）と異なります",
                    en: "CSV version differs from the first record's (\(first))")
            }
            return self.rowRules != nil
        }
        let versionText = reader.withField(0) { String(decoding: $0, as: UTF8.self) }
        self.firstVersionText = versionText
        guard let kind = self.name?.kind else { return false }
        guard let version = CSVVersion(rawValue: versionText) else {
            self.addAt(
                reader, .error, .unknownVersion, column: 1, value: versionText,
                ja: "CSVバージョン「\(versionText)」のレイアウトは不明です（既知: 201910, 202003, 202208, 202504, 202407）",
                en: "CSV version \"\(versionText)\" has no known layout (known: 201910, 202003, 202208, 202504, 202407)")
            return false
        }
        do {
            let layout = try FileLayout.layout(of: kind, version: version)
            self.layout = layout
            self.report.summary.version = version
            self.report.layoutProvenance = layout.provenance
            self.prepare(layout, kind: kind)
            if let name = self.name {
                let expected: CarePlanFileName.Grammar = version.isVersion3Family ? .version3 : (version == .v202504 ? .version4_0 : .version4_1)
                if version == .v202407 && name.grammar != expected {
                    self.addAt(
                        reader, .error, .versionFileNameGrammar, column: 1, value: versionText,
                        ja: "CSVバージョン202407のファイル名には2桁のサービス種類コードが必要です",
                        en: "CSV version 202407 files are named with 2-character service-type tokens")
                }
            }
            return true
        } catch {
            self.addAt(reader, .error, .kindNotInVersion, column: 1, value: versionText, ja: error.description, en: "")
            return false
        }
    }
}
