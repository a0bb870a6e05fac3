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
    public static func validate(path: String, profile: ValidationProfile = .send) -> FileReport {
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        do {
            let source = try FileByteSource(path: path)
            return Self.validate(source: source, fileName: fileName, profile: profile)
        } catch {
            var report = FileReport(file: fileName, name: try? CarePlanFileName(parsing: fileName))
            report.diagnostics.append(Diagnostic(.error, .fileNameGrammar, file: fileName, ja: "ファイルを読めません", en: error.description))
            return report
        }
    }

    /// Validates in-memory bytes named `fileName`.
    public static func validate(bytes: [UInt8], fileName: String, profile: ValidationProfile = .send) -> FileReport {
        Self.validate(source: MemoryByteSource(bytes), fileName: fileName, profile: profile)
    }

    /// Validates bytes from `source`, named `fileName`.
    public static func validate<Source: ByteSource>(source: Source, fileName: String, profile: ValidationProfile = .send) -> FileReport {
        let name: CarePlanFileName?
        var nameError: FileNameError?
        do {
            // The copy number is reported by `checkNameTolerances` (an error when sending), so that it hides no other token's problem.
            name = try CarePlanFileName(parsing: fileName, toleratingCopySuffix: true)
        } catch {
            name = nil
            nameError = error
        }
        let run = FileValidationRun(fileName: fileName, name: name, profile: profile)
        if let nameError {
            run.add(Diagnostic(.error, .fileNameGrammar, file: fileName, value: nameError.token, ja: nameError.description, en: ""))
        }
        if let name { run.checkNameTolerances(name) }
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
    let profile: ValidationProfile
    @exclusivity(unchecked) private(set) var layout: FileLayout?
    /// Set once a field turned out to be UTF-8: the file then gets one encoding error, not one per field.
    @exclusivity(unchecked) private var utf8Diagnostic: Int?
    @exclusivity(unchecked) private var utf8Fields = 0
    @exclusivity(unchecked) private var utf8Sniffed = false
    /// Columns (0-based) of the current record with an error in their value; row rules say nothing more about them.
    @exclusivity(unchecked) private(set) var brokenColumns: [Int] = []
    @exclusivity(unchecked) private(set) var checkingRowRules = false
    /// Column of 被保険者番号 in the layout.
    @exclusivity(unchecked) private var insuredColumn: Int?
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

    init(fileName: String, name: CarePlanFileName?, profile: ValidationProfile = .send) {
        self.fileName = fileName
        self.name = name
        self.profile = profile
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
        self.insuredColumn = layout.fields.firstIndex { $0.format == .insuredNumber }
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

    /// Deviations in a file name that parsed: a copy number (receive profile only, else the name did not parse) and a
    /// lower-case `.csv`.
    func checkNameTolerances(_ name: CarePlanFileName) {
        let severity = self.profile.toleratedSeverity
        if let suffix = CarePlanFileName.copySuffix(of: self.fileName.stem) {
            let diagnostic = Diagnostic(
                severity, .fileNameCopySuffix, file: self.fileName, value: suffix,
                ja: "ファイル名の末尾に保存時の連番「\(suffix)」が付いています（取り除いて読みました）",
                en: "the name ends in a copy number \"\(suffix)\" (read without it)")
            self.add(
                self.profile == .receive
                    ? diagnostic.hinted(ValidationProfile.toleratedNoteJA, ValidationProfile.toleratedNoteEN)
                    : diagnostic.hinted(
                        "ブラウザーが同じ名前のファイルを保存したときに付ける番号で、仕様のファイル名ではありません。付く前の名前に戻してください",
                        "a browser adds it when it saves a second file of the same name; it is not a spec file name: remove it"))
        }
        if !name.kind.isImage && name.fileExtension == "csv" {
            let diagnostic = Diagnostic(
                severity, .fileNameExtensionCase, file: self.fileName, value: name.fileExtension,
                ja: "拡張子が小文字の .csv です（仕様は .CSV）", en: "the extension is lower-case .csv (the spec writes .CSV)")
            self.add(
                self.profile == .receive
                    ? diagnostic.hinted(ValidationProfile.toleratedNoteJA, ValidationProfile.toleratedNoteEN)
                    : diagnostic.hinted("ケアソフトの出力設定で拡張子を大文字の .CSV にしてください", "write the extension as upper-case .CSV"))
        }
    }

    func add(_ diagnostic: Diagnostic) {
        // Row rules add nothing about an item whose value is already reported as wrong.
        if self.checkingRowRules, let column = diagnostic.column, self.brokenColumns.contains(column - 1) { return }
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
        if let index = self.utf8Diagnostic, self.utf8Fields > 1, index < self.report.diagnostics.count {
            self.report.diagnostics[index].messageJA += "（\(self.utf8Fields)項目）"
            self.report.diagnostics[index].messageEN += " (\(self.utf8Fields) items)"
        }
        if self.layout == nil && self.report.rowCount > 0 {
            // No layout (an unknown CSVバージョン): no row could be placed, so no row that hangs off this file is blamed.
            self.report.summary.rowsWithBrokenKeys = self.report.rowCount
            self.report.summary.hasUnplacedRows = true
        }
        if self.report.rowCount == 0 {
            self.add(Diagnostic(.warning, .emptyFile, file: self.fileName, ja: "データレコードがありません", en: "the file has no data records"))
        }
        self.rowRules?.finish(self)
    }

    /// Adds a diagnostic located at the current record (and optionally at one field).
    func addAt(
        _ reader: CSVRecordReader<some ByteSource>, _ severity: Diagnostic.Severity, _ rule: Rule, column: Int? = nil,
        offset: Int? = nil, value: String? = nil, ja: String, en: String, hint: (ja: String, en: String)? = nil
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
        var diagnostic = Diagnostic(
            severity, rule, file: self.fileName, row: reader.recordNumber, line: reader.recordLine, column: column, item: item,
            itemName: itemName, byteOffset: offset, value: value, ja: ja, en: en)
        diagnostic.insuredNumber = self.insuredNumber(reader)
        if let hint { (diagnostic.hintJA, diagnostic.hintEN) = (hint.ja, hint.en) }
        self.add(diagnostic)
    }

    /// 被保険者番号 of the current record, for the sender's own error table (the column of item 3 in every layout).
    private func insuredNumber(_ reader: CSVRecordReader<some ByteSource>) -> String? {
        guard let column = self.insuredColumn, column < reader.fieldCount else { return nil }
        let text = reader.withField(column) { MS932.lossyText($0, limit: 16) }
        return text.isEmpty ? nil : text
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
            self.reportFieldCount(reader)
            return
        }
        let codes = UnsafeBufferPointer(self.codeValues)
        let serviceTypes = UnsafeBufferPointer(self.serviceTypeTable)
        var rowIsClean = true
        let tolerant = self.profile == .receive
        if !self.brokenColumns.isEmpty { self.brokenColumns.removeAll(keepingCapacity: true) }
        reader.withRecord { record in
            // One scan of the raw record (quotes and commas are ASCII, so this finds exactly the fields' problems);
            // fields are rescanned only to locate one.
            if !self.utf8Sniffed { self.sniffUTF8(record.raw, reader: reader) }
            let recordIsMS932 = MS932.firstInvalidSequence(in: record.raw) == nil
            for index in 1..<columns.count {
                let value = record.field(index)
                let problems = FieldChecker.check(
                    value, quoted: record.quoted[index], column: columns[index], codes: codes, serviceTypes: serviceTypes, checkEncoding: !recordIsMS932,
                    tolerant: tolerant)
                if !problems.isEmpty && !self.report(problems, value: value, column: index, reader: reader) {
                    rowIsClean = false
                    self.brokenColumns.append(index)
                }
            }
            // Cross-item rules run on rows with field errors too (one problem must not hide another), but say nothing
            // about the wrong items themselves; a row whose key is wrong cannot be placed, so its rules are skipped
            // and the send-unit checks are told (the rows that hang off that key are not blamed for it).
            if !rowIsClean {
                if self.brokenColumns.contains(where: { rules.isKeyColumn($0) }) {
                    self.noteBrokenKey(reader, userReadable: !self.brokenColumns.contains { rules.isUserColumn($0) })
                    return
                }
                self.checkingRowRules = true
            }
            defer { self.checkingRowRules = false }
            rules.check(
                RowView(all: record.buffer, starts: record.starts, ends: record.ends, columnOfItem: UnsafeBufferPointer(self.itemColumns), row: reader.recordNumber),
                reader: reader, run: self)
        }
    }

    /// A row that defines or references no key: its user, when 保険者番号 and 被保険者番号 can be read, so that only that
    /// user's dependent rows are excused in the send unit.
    private func noteBrokenKey(_ reader: CSVRecordReader<some ByteSource>, userReadable: Bool) {
        self.report.summary.rowsWithBrokenKeys += 1
        guard userReadable, reader.fieldCount > 2 else {
            self.report.summary.hasUnplacedRows = true
            return
        }
        let user = reader.withField(1) { MS932.lossyText($0, limit: 16) } + "-" + reader.withField(2) { MS932.lossyText($0, limit: 16) }
        self.report.summary.brokenKeyUsers.insert(user)
    }

    /// A record with too few or too many items, naming the first missing or the first extra column.
    private func reportFieldCount(_ reader: CSVRecordReader<some ByteSource>) {
        // The items are shifted: which columns hold the user cannot be trusted.
        self.noteBrokenKey(reader, userReadable: false)
        let layout = self.layout!
        let found = reader.fieldCount
        let expected = layout.fields.count
        let (ja, en): (String, String)
        if found < expected {
            let first = layout.fields[found]
            ja = "項目数が\(found)です（\(layout.kind.prefix) CSVバージョン\(layout.version.rawValue)は\(expected)項目）。列\(found + 1)のNo.\(first.number)「\(first.name)」から後の\(expected - found)項目がありません"
            en = "\(found) items; \(layout.kind.prefix) version \(layout.version.rawValue) has \(expected): \(expected - found) missing from column \(found + 1), No.\(first.number) \(first.name)"
        } else {
            let last = layout.fields[expected - 1]
            ja = "項目数が\(found)です（\(layout.kind.prefix) CSVバージョン\(layout.version.rawValue)は\(expected)項目）。最後の項目No.\(last.number)「\(last.name)」の後、列\(expected + 1)から\(found - expected)項目が余分です"
            en = "\(found) items; \(layout.kind.prefix) version \(layout.version.rawValue) has \(expected): \(found - expected) extra from column \(expected + 1), after the last item No.\(last.number) \(last.name)"
        }
        // The column is the first missing or extra one; it lies outside the layout, so the item is named in the text.
        self.addAt(
            reader, .error, .fieldCount, column: min(found, expected) + 1, value: String(found), ja: ja, en: en,
            hint: ("フリーテキストのカンマが「\"」で囲まれていないと項目がずれます。CSVバージョンとレイアウトの項目数も確認してください",
                   "an unquoted comma in free text shifts the items; also check the CSV version's item count"))
    }

    /// Reports a field's problems; returns false when one of them is an error.
    private func report(_ problems: [FieldProblem], value: UnsafeBufferPointer<UInt8>, column index: Int, reader: CSVRecordReader<some ByteSource>) -> Bool {
        var clean = true
        for var problem in problems {
            if (problem.rule == .encodingUndefined || problem.rule == .encodingUserDefined) && self.isUTF8(value, reader: reader) { continue }
            if let layout = self.layout { FieldChecker.wordFormatProblem(&problem, spec: layout.fields[index]) }
            // Only a wrong value makes the item unusable; a quoting slip leaves it readable.
            if problem.severity == .error && problem.rule != .freeTextNotQuoted && problem.rule != .quotedNonFreeText { clean = false }
            if self.report.diagnostics.count >= FileValidator.diagnosticCap {
                // Past the cap nothing more is kept: count the errors, and spend nothing on wording, hints or the user.
                if problem.severity == .error { self.report.suppressedDiagnostics += 1 }
                continue
            }
            let offset = reader.fieldOffset(index) + (reader.isQuoted(index) ? 1 : 0) + (problem.offsetInValue ?? 0)
            let shown = problem.rule == .encodingUndefined || problem.rule == .encodingUserDefined
                ? value.prefix(8).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                : MS932.lossyText(value, limit: 64)
            let hint = self.profile == .receive && problem.severity == .warning && ValidationProfile.toleratedRules.contains(problem.rule)
                ? (ValidationProfile.toleratedNoteJA, ValidationProfile.toleratedNoteEN)
                : self.layout.flatMap { FieldChecker.hint(for: problem.rule, value: value, spec: $0.fields[index]) }
            self.addAt(reader, problem.severity, problem.rule, column: index + 1, offset: offset, value: shown, ja: problem.ja, en: problem.en, hint: hint)
        }
        return clean
    }

    /// Whether a field MS932 cannot read is UTF-8 text: then the whole file is, and it gets one error for all.
    /// Only fields that are UTF-8 themselves are counted into the file's one error; other bad bytes are reported.
    private func isUTF8(_ value: UnsafeBufferPointer<UInt8>, reader: CSVRecordReader<some ByteSource>) -> Bool {
        guard value.contains(where: { $0 >= 0x80 }), String(validating: value, as: UTF8.self) != nil else { return false }
        if self.utf8Diagnostic == nil { self.reportUTF8(reader, bom: false) }
        self.utf8Fields += 1
        return true
    }

    /// Decides once, at the first record with a byte above 0x7F, whether the file is UTF-8: then it gets its one error
    /// even where its bytes happen to read as MS932 too (「田中」 is E7 94 B0 E4 B8 AD, which MS932 reads as other
    /// characters). Japanese MS932 text is practically never valid UTF-8: its lead bytes 0x81–0x9F and its half-width
    /// kana are UTF-8 continuation bytes.
    private func sniffUTF8(_ raw: UnsafeBufferPointer<UInt8>, reader: CSVRecordReader<some ByteSource>) {
        guard raw.contains(where: { $0 >= 0x80 }) else { return }
        self.utf8Sniffed = true
        if String(validating: raw, as: UTF8.self) != nil { self.reportUTF8(reader, bom: false) }
    }

    /// The one error of a UTF-8 file (with or without a BOM).
    private func reportUTF8(_ reader: CSVRecordReader<some ByteSource>, bom: Bool) {
        guard self.utf8Diagnostic == nil else { return }
        // The one diagnostic that explains the others: kept even past the cap.
        self.utf8Diagnostic = self.report.diagnostics.count
        let (ja, en) = bom
            ? ("ファイルの先頭にBOM（EF BB BF）があり、UTF-8で保存されています", "the file starts with a byte-order mark (EF BB BF): it is saved as UTF-8")
            : ("ファイルがUTF-8で保存されています。MS932（Shift_JIS）で読めない項目があります", "the file is saved as UTF-8: items cannot be read as MS932 (Shift_JIS)")
        self.report.diagnostics.append(
            Diagnostic(.error, .encodingUTF8, file: self.fileName, row: reader.recordNumber, line: reader.recordLine, ja: ja, en: en)
                .hinted(
                    "文字コードをMS932（Shift_JIS、BOMなし）にして出力し直してください。Excelの「CSV UTF-8」で保存した場合は「CSV（コンマ区切り）」で保存します",
                    "write the file again as MS932 (Shift_JIS) without a BOM; in Excel, save as \"CSV (Comma delimited)\", not \"CSV UTF-8\""))
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
        var versionText = reader.withField(0) { String(decoding: $0, as: UTF8.self) }
        if versionText.hasPrefix("\u{FEFF}") {
            self.reportUTF8(reader, bom: true)
            versionText.removeFirst()
        }
        self.firstVersionText = versionText
        guard let kind = self.name?.kind else { return false }
        if let intended = CSVVersion.issueMonths[versionText] {
            self.addAt(
                reader, self.profile.toleratedSeverity, .versionIssueMonth, column: 1, value: versionText,
                ja: "CSVバージョン「\(versionText)」は仕様書（\(intended.specEdition)）の発行年月で、CSVバージョンではありません。行は\(intended.rawValue)のレイアウトで検査しました",
                en: "\"\(versionText)\" is the issue month of spec \(intended.specEdition), not a CSV version; the rows were checked with the \(intended.rawValue) layout",
                hint: self.profile == .receive
                    ? (ValidationProfile.toleratedNoteJA, ValidationProfile.toleratedNoteEN)
                    : ("項目1のCSVバージョンを「\(intended.rawValue)」にしてください", "write \(intended.rawValue) in item 1 (CSVバージョン)"))
            return self.useLayout(kind: kind, version: intended, versionText: versionText, reader: reader)
        }
        guard let version = CSVVersion(rawValue: versionText) else {
            self.addAt(
                reader, .error, .unknownVersion, column: 1, value: versionText,
                ja: "CSVバージョン「\(versionText)」のレイアウトは不明です（既知: 201910, 202003, 202208, 202504, 202407）",
                en: "CSV version \"\(versionText)\" has no known layout (known: 201910, 202003, 202208, 202504, 202407)")
            return false
        }
        return self.useLayout(kind: kind, version: version, versionText: versionText, reader: reader)
    }

    /// Prepares the layout of `version` for the rest of the file.
    private func useLayout<Source: ByteSource>(kind: FileKind, version: CSVVersion, versionText: String, reader: CSVRecordReader<Source>) -> Bool {
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
