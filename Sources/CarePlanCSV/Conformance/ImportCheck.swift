// CarePlan Link — CarePlanCSV
// 取込確認: after a vendor's software has imported the conformance sample set, what it shows is compared with the
// sample files item by item.

/// Compares the sample files a vendor imported (取込) with what the software shows afterwards (取込結果), and lists
/// every item (項目) that differs, every row that is missing, and every row that should not be there.
///
/// ## What is compared
/// Every record of every CSV file of the sample, items No.2 onward (No.1 CSVバージョン belongs to the file). Family images
/// and files whose names are not spec file names are skipped. Delete files (削除) are not data that is shown: the rows
/// they delete — rows of earlier ファイル連番 from the same sender with the deleted key, cascading as spec §5 says (第1表
/// → 第2・3表・補足, 第6表 → 第7表・補足, 基本情報 → 別表1・2, 支援計画書 → 別表, 実績 per サービス事業者 and サービス種類) — are
/// expected to be absent after import. Values are compared as text; line breaks compare equal whether written CRLF, CR
/// or LF, and an empty value equals an absent one (Null).
///
/// ## The import result (取込結果) the software writes
/// One entry per item shown: 種別 (kind), 行 (row), 項番 (item), 値 (value).
/// * 種別 is the sample file's name (e.g. `UPPLAN_202506_1310100012_43_1310100021_11_20250525180002.CSV`, with or without
///   the extension), or just the file-kind prefix (`UPPLAN`); with a prefix, 行 counts the records of all sample files
///   of that kind in file-name order (1, 2, … across the files).
/// * 行 is the 1-based record number, 項番 the item's No. of the 4.x layout (「No.15」 is accepted), 値 the text shown.
///
/// As CSV (UTF-8, with or without BOM, or MS932): a header row naming the columns — `種別,行,項番,値` or
/// `kind,row,item,value` (also `ファイル`/`file` for 種別, `No` for 項番; other columns such as 項目名 are ignored) — then
/// one row per item; values with commas, quotes or line breaks are quoted as usual (`""` for a quote).
///
/// As JSON: an array of `{"kind": "UPPLAN", "row": 1, "item": 15, "value": "111111"}` (`file` may stand for `kind`;
/// `value` may be null; numbers are accepted but strings are exact). ``expectedEntries(of:)`` writes this list for the
/// sample itself, a template for the software's output.
public enum ImportCheck {
    /// A sample file: its name (last path component) and bytes.
    public struct SourceFile: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// One item as the software shows it after import (取込結果の1項目).
    public struct Entry: Codable, Sendable, Hashable {
        /// 種別: the sample file's name, or a file-kind prefix (then ``row`` counts across that kind's files).
        public var kind: String
        /// 行: 1-based record number.
        public var row: Int
        /// 項番 (No.) of the item.
        public var item: Int
        /// 値: the text shown; nil or empty = Null.
        public var value: String?

        public init(kind: String, row: Int, item: Int, value: String?) {
            self.kind = kind
            self.row = row
            self.item = item
            self.value = value
        }

        private enum CodingKeys: String, CodingKey { case kind, file, row, item, value }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? container.decode(String.self, forKey: .file)
            func integer(_ key: CodingKeys) throws -> Int {
                if let value = try? container.decode(Int.self, forKey: key) { return value }
                let text = try container.decode(String.self, forKey: key)
                guard let value = ImportCheck.integer(text) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an integer: \(text)")
                }
                return value
            }
            self.row = try integer(.row)
            self.item = try integer(.item)
            if !container.contains(.value) {
                self.value = nil
            } else if try container.decodeNil(forKey: .value) {
                self.value = nil
            } else if let text = try? container.decode(String.self, forKey: .value) {
                self.value = text
            } else if let number = try? container.decode(Int.self, forKey: .value) {
                self.value = String(number)
            } else {
                let number = try container.decode(Double.self, forKey: .value)
                self.value = String(number)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.kind, forKey: .kind)
            try container.encode(self.row, forKey: .row)
            try container.encode(self.item, forKey: .item)
            try container.encode(self.value, forKey: .value)
        }
    }

    /// The import result could not be read.
    public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line of the CSV input, when known.
        public let line: Int?
        public let messageJA: String
        public let messageEN: String

        public init(line: Int?, ja: String, en: String) {
            self.line = line
            self.messageJA = ja
            self.messageEN = en
        }

        public var description: String {
            let location = self.line.map { "\($0)行目 / line \($0): " } ?? ""
            return "取込結果を読めません / cannot read the import result: \(location)\(self.messageJA) / \(self.messageEN)"
        }
    }

    /// A record of the sample: its file, kind and 1-based row.
    public struct RowReference: Codable, Sendable, Hashable, CustomStringConvertible {
        /// The sample file's name; nil for an entry that names no sample file.
        public var file: String?
        /// The file-kind prefix, or the 種別 as given when it names nothing.
        public var kind: String
        public var row: Int

        public init(file: String?, kind: String, row: Int) {
            self.file = file
            self.kind = kind
            self.row = row
        }

        public var description: String { "\(self.file ?? self.kind) 行\(self.row)" }
    }

    /// An item whose imported value differs from the sample's (相違).
    public struct FieldDifference: Codable, Sendable, Hashable {
        public var file: String
        /// The file-kind prefix.
        public var kind: String
        public var row: Int
        /// 項番 (No.)
        public var item: Int
        /// 項目名 (nil for a No. the layout does not have).
        public var itemName: String?
        /// The sample's value (nil = Null).
        public var expected: String?
        /// The imported value (nil = not shown / Null).
        public var actual: String?

        public init(file: String, kind: String, row: Int, item: Int, itemName: String?, expected: String?, actual: String?) {
            self.file = file
            self.kind = kind
            self.row = row
            self.item = item
            self.itemName = itemName
            self.expected = expected
            self.actual = actual
        }
    }

    /// The result of an import check (取込確認結果).
    public struct Report: Codable, Sendable, Hashable {
        /// True when nothing differs: no differing item, no missing, extra or undeleted row.
        public var identical: Bool
        /// Sample rows expected after import.
        public var comparedRows: Int
        /// Items compared in those rows.
        public var comparedFields: Int
        /// Items that differ.
        public var differences: [FieldDifference]
        /// Sample rows the import result does not show at all.
        public var missingRows: [RowReference]
        /// Rows of the import result that are not in the sample.
        public var extraRows: [RowReference]
        /// Rows a delete file of the sample removes but the import result still shows.
        public var notDeletedRows: [RowReference]
        /// Sample files not compared (images, names that are not spec file names).
        public var skippedFiles: [String]

        public init(
            comparedRows: Int, comparedFields: Int, differences: [FieldDifference], missingRows: [RowReference], extraRows: [RowReference],
            notDeletedRows: [RowReference], skippedFiles: [String]
        ) {
            self.identical = differences.isEmpty && missingRows.isEmpty && extraRows.isEmpty && notDeletedRows.isEmpty
            self.comparedRows = comparedRows
            self.comparedFields = comparedFields
            self.differences = differences
            self.missingRows = missingRows
            self.extraRows = extraRows
            self.notDeletedRows = notDeletedRows
            self.skippedFiles = skippedFiles
        }
    }

    // MARK: - Reading the import result

    /// Reads an import result written as CSV (see the type's documentation for the columns).
    /// - Throws: ``InputError`` for a missing header, a row or item that is not a number, or broken CSV quoting.
    public static func entries(csv input: [UInt8]) throws(InputError) -> [Entry] {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let isUTF8 = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
        func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
            isUTF8 ? String(decoding: field, as: UTF8.self) : ((try? MS932.decode(field)) ?? String(decoding: field, as: UTF8.self))
        }
        let reader = CSVRecordReader(source: MemoryByteSource(bytes))
        var columns: (kind: Int, row: Int, item: Int, value: Int)?
        var entries: [Entry] = []
        while (try? reader.next()) == true {
            let line = reader.recordLine
            if let issue = reader.issues.first {
                throw InputError(line: issue.line, ja: "CSVの「\"」の使い方が正しくありません", en: "malformed CSV quoting")
            }
            let fields = (0..<reader.fieldCount).map { column in reader.withField(column) { text($0) } }
            if fields.allSatisfy({ Self.trimmed($0).isEmpty }) { continue }
            guard let columns else {
                let names = fields.map { Self.trimmed($0).lowercased() }
                func index(_ accepted: Set<String>) -> Int? { names.firstIndex { accepted.contains($0) } }
                guard let kind = index(["種別", "kind", "ファイル", "file", "prefix", "種別(prefix)"]), let row = index(["行", "row"]),
                    let item = index(["項番", "item", "no", "no.", "項目番号"]), let value = index(["値", "value"])
                else {
                    throw InputError(
                        line: line, ja: "1行目は見出し（種別,行,項番,値）にしてください", en: "the first row must be the header (kind,row,item,value)")
                }
                columns = (kind, row, item, value)
                continue
            }
            func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
            guard let row = Self.integer(field(columns.row)) else {
                throw InputError(line: line, ja: "行が数字ではありません（\(field(columns.row))）", en: "the row is not a number")
            }
            guard let item = Self.integer(field(columns.item)) else {
                throw InputError(line: line, ja: "項番が数字ではありません（\(field(columns.item))）", en: "the item No. is not a number")
            }
            let value = field(columns.value)
            entries.append(Entry(kind: Self.trimmed(field(columns.kind)), row: row, item: item, value: value.isEmpty ? nil : value))
        }
        if columns == nil {
            throw InputError(line: nil, ja: "見出し行（種別,行,項番,値）がありません", en: "no header row (kind,row,item,value)")
        }
        return entries
    }

    // MARK: - The sample

    /// What the software should show after importing `files`, as entries naming each file: every non-empty item of
    /// every row that no delete file of the set removes. Written as the import result, it compares identical.
    public static func expectedEntries(of files: [SourceFile]) -> [Entry] {
        let sample = Sample(files)
        return sample.rows.filter { !$0.deleted }.flatMap { row in
            row.values.keys.sorted().map { Entry(kind: row.file, row: row.row, item: $0, value: row.values[$0]) }
        }
    }

    /// Compares the sample `files` with the `imported` entries.
    public static func compare(sample files: [SourceFile], imported: [Entry]) -> Report {
        let sample = Sample(files)
        // The imported values per sample row; entries naming no sample row are extra.
        var actual: [Int: [Int: String]] = [:]
        var extra: [RowReference] = []
        var extraSeen = Set<RowReference>()
        for entry in imported {
            guard let index = sample.rowIndex(kind: entry.kind, row: entry.row) else {
                let reference = RowReference(file: sample.fileName(entry.kind), kind: entry.kind, row: entry.row)
                if extraSeen.insert(reference).inserted { extra.append(reference) }
                continue
            }
            var values = actual[index] ?? [:]
            if values[entry.item] == nil { values[entry.item] = entry.value ?? "" }
            actual[index] = values
        }

        var differences: [FieldDifference] = []
        var missing: [RowReference] = []
        var notDeleted: [RowReference] = []
        var comparedRows = 0
        var comparedFields = 0
        for (index, row) in sample.rows.enumerated() {
            let reference = RowReference(file: row.file, kind: row.kind.prefix, row: row.row)
            let shownValues = actual[index]
            if row.deleted {
                if let shownValues, shownValues.values.contains(where: { !$0.isEmpty }) { notDeleted.append(reference) }
                continue
            }
            comparedRows += 1
            guard let shown = shownValues else {
                missing.append(reference)
                continue
            }
            let items = Set(row.values.keys).union(shown.keys).sorted()
            for item in items where item != 1 {
                comparedFields += 1
                let expected = row.values[item]
                let value = shown[item].flatMap { $0.isEmpty ? nil : $0 }
                if Self.normalized(expected) != Self.normalized(value) {
                    differences.append(
                        FieldDifference(
                            file: row.file, kind: row.kind.prefix, row: row.row, item: item, itemName: row.layout?.field(item)?.name, expected: expected,
                            actual: value))
                }
            }
        }
        return Report(
            comparedRows: comparedRows, comparedFields: comparedFields, differences: differences, missingRows: missing, extraRows: extra,
            notDeletedRows: notDeleted, skippedFiles: sample.skipped)
    }

    // MARK: - Helpers

    /// Line breaks as LF; empty as nil.
    static func normalized(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        // "\r\n" is one Character in Swift, so both forms are replaced character by character.
        return String(text.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 })
    }

    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }

    /// `15`, ` 15 `, `No.15`, `No15`.
    static func integer(_ text: String) -> Int? {
        var text = Self.trimmed(text)
        for prefix in ["No.", "no.", "NO.", "No", "no", "NO"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
            break
        }
        return Int(Self.trimmed(text))
    }

    /// The sample's rows, in file-name order, with what deletes them.
    struct Sample {
        struct Row {
            let file: String
            let kind: FileKind
            let row: Int
            let layout: FileLayout?
            /// Non-empty items by No. (No.1 excluded).
            let values: [Int: String]
            var deleted = false
        }

        var rows: [Row] = []
        var skipped: [String] = []
        /// Row indices of each file, and of each kind across files.
        var rowsOfFile: [String: [Int]] = [:]
        var rowsOfKind: [FileKind: [Int]] = [:]
        /// File names without their extension, for 種別 given without one.
        var fileOfStem: [String: String] = [:]

        init(_ files: [SourceFile]) {
            var named: [(name: CarePlanFileName, file: SourceFile)] = []
            for file in files {
                guard let name = try? CarePlanFileName(parsing: file.name), !name.kind.isImage else {
                    self.skipped.append(file.name)
                    continue
                }
                named.append((name, file))
            }
            named.sort { $0.file.name < $1.file.name }
            // Deletions: (delete kind, sender office number, key) → the ファイル連番 of the delete files.
            var deletions: [String: [FileTimestamp]] = [:]
            var rowNames: [CarePlanFileName] = []
            for (name, file) in named {
                let raw = RawCarePlanFile(bytes: file.bytes, kind: name.kind)
                for row in raw.rows {
                    var values: [Int: String] = [:]
                    for (column, value) in row.fields.enumerated() where column > 0 {
                        let item = raw.layout.flatMap { column < $0.fields.count ? $0.fields[column].number : nil } ?? column + 1
                        if let value, !value.isEmpty { values[item] = value }
                    }
                    if name.kind.isDeletion {
                        if let key = Self.deletionKey(kind: name.kind, values: values) {
                            deletions[Self.scope(name.kind, name.sender.number, key), default: []].append(name.timestamp)
                        }
                        continue
                    }
                    self.rowsOfFile[file.name, default: []].append(self.rows.count)
                    self.rowsOfKind[name.kind, default: []].append(self.rows.count)
                    self.rows.append(Row(file: file.name, kind: name.kind, row: row.number, layout: raw.layout, values: values))
                    rowNames.append(name)
                }
                if let dot = file.name.lastIndex(of: ".") { self.fileOfStem[String(file.name[..<dot])] = file.name }
            }
            for index in self.rows.indices {
                let name = rowNames[index]
                guard let target = Self.target(of: self.rows[index], month: name.month),
                    let times = deletions[Self.scope(target.kind, name.sender.number, target.key)]
                else { continue }
                self.rows[index].deleted = times.contains { $0 > name.timestamp }
            }
        }

        static func scope(_ kind: FileKind, _ sender: String, _ key: String) -> String { "\(kind.prefix)|\(sender)|\(key)" }

        /// The key a delete row removes (spec §5): 保険者番号, 被保険者番号 and the plan date or month (実績削除 adds
        /// サービス事業者コード and サービス種類コード).
        static func deletionKey(kind: FileKind, values: [Int: String]) -> String? {
            let base = [2, 3, 4].map { values[$0] ?? "" }
            switch kind {
            case .serviceResultsDeletion: return (base + [values[5] ?? "", values[6] ?? ""]).joined(separator: "|")
            case .carePlanTable1Deletion, .serviceUsePlanDeletion, .basicUserInfoDeletion, .preventionPlanDeletion: return base.joined(separator: "|")
            default: return nil
            }
        }

        /// The delete kind that removes `row`, and the key it would name.
        static func target(of row: Row, month: CarePlanFileName.MonthToken?) -> (kind: FileKind, key: String)? {
            func key(_ items: [Int]) -> String { items.map { row.values[$0] ?? "" }.joined(separator: "|") }
            switch row.kind {
            case .carePlanTable1:
                return (kind: FileKind.carePlanTable1Deletion, key: key([2, 3, 14]))
            case .carePlanTable2, .weeklyScheduleTable3:
                return (kind: FileKind.carePlanTable1Deletion, key: key([2, 3, 5]))
            case .supplementaryUserInfo:
                if month == .unlinked { return (kind: FileKind.carePlanTable1Deletion, key: key([2, 3, 4])) }
                return (kind: FileKind.serviceUsePlanDeletion, key: key([2, 3, 63]))
            case .serviceUsePlan, .serviceUseAnnex:
                return (kind: FileKind.serviceUsePlanDeletion, key: key([2, 3, 5]))
            case .serviceResults:
                let type = String((row.values[15] ?? "").prefix(2))
                return (kind: FileKind.serviceResultsDeletion, key: key([2, 3, 5, 20]) + "|" + type)
            case .basicUserInfo, .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory:
                return (kind: FileKind.basicUserInfoDeletion, key: key([2, 3, 4]))
            case .preventionPlan, .preventionPlanSupportDetails:
                return (kind: FileKind.preventionPlanDeletion, key: key([2, 3, 4]))
            default:
                return nil
            }
        }

        /// The file a 種別 names: a sample file name, with or without its extension.
        func fileName(_ kind: String) -> String? {
            if self.rowsOfFile[kind] != nil { return kind }
            return self.fileOfStem[kind]
        }

        /// The index of the row a 種別 and 行 name: in the named file, or, for a prefix, across that kind's files.
        func rowIndex(kind: String, row: Int) -> Int? {
            guard row >= 1 else { return nil }
            let indices: [Int]?
            if let file = self.fileName(kind) {
                indices = self.rowsOfFile[file]
            } else if let fileKind = FileKind(rawValue: kind.uppercased()) {
                indices = self.rowsOfKind[fileKind]
            } else {
                indices = nil
            }
            guard let indices else { return nil }
            // Rows of a file are numbered by the record number in the file (delete-free files have 1…n).
            if self.fileName(kind) != nil {
                return indices.first { self.rows[$0].row == row }
            }
            return row <= indices.count ? indices[row - 1] : nil
        }
    }
}

extension ImportCheck.Report {
    /// The result for people, Japanese first then English: a line per difference, missing, extra and undeleted row.
    public var text: String {
        var lines: [String] = []
        for difference in self.differences {
            let name = difference.itemName.map { " \($0)" } ?? ""
            lines.append(
                "相違 / differs  \(difference.file) 行\(difference.row) No.\(difference.item)\(name): "
                    + "期待 / expected \(Self.shown(difference.expected)) → 取込 / imported \(Self.shown(difference.actual))")
        }
        for row in self.missingRows { lines.append("欠落 / missing row  \(row)") }
        for row in self.extraRows { lines.append("余分 / extra row  \(row)") }
        for row in self.notDeletedRows { lines.append("未削除 / not deleted  \(row)（削除ファイルで削除されるべき行 / removed by a delete file of the set）") }
        for file in self.skippedFiles { lines.append("対象外 / skipped  \(file)") }
        lines.append(
            self.identical
                ? "結果: 一致（\(self.comparedRows)行、\(self.comparedFields)項目） / result: identical (\(self.comparedRows) rows, \(self.comparedFields) items)"
                : "結果: 相違\(self.differences.count)項目、欠落\(self.missingRows.count)行、余分\(self.extraRows.count)行、未削除\(self.notDeletedRows.count)行 / "
                    + "result: \(self.differences.count) differing items, \(self.missingRows.count) missing, \(self.extraRows.count) extra, "
                    + "\(self.notDeletedRows.count) not deleted rows")
        return lines.joined(separator: "\n")
    }

    /// A value in quotes with line breaks as ⏎; `(なし/none)` for Null.
    static func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(なし/none)" }
        return "「" + String(value.map { $0 == "\r\n" || $0 == "\n" || $0 == "\r" ? "⏎" : $0 }) + "」"
    }
}
