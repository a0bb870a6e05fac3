// CarePlan Link — CarePlanCSV

/// A file read as it is, valid or not, for showing it: each record's fields as text, and the layout its CSVバージョン
/// (column 1 of the first record) names, when there is one. ``CarePlanCSVReader`` is for files that must be valid.
public struct RawCarePlanFile: Sendable {
    /// One record (行) as read.
    public struct Row: Sendable {
        /// 1, 2, 3, … in the file.
        public let number: Int
        /// The line the record starts on.
        public let line: Int
        /// Each field decoded from MS932; nil where the bytes are not MS932.
        public let fields: [String?]
    }

    /// The CSVバージョン as written in the first record, if the file has one.
    public private(set) var versionText: String?
    /// The layout for `kind` in that version; nil when the version is unknown or has no layout for the kind.
    public private(set) var layout: FileLayout?
    /// The first `limit` records.
    public private(set) var rows: [Row] = []
    /// All records, including those past `limit`.
    public private(set) var rowCount = 0

    /// Reads `bytes` as a file of `kind`, keeping the fields of the first `limit` records. A syntax error ends the read.
    public init(bytes: [UInt8], kind: FileKind, limit: Int = .max) {
        let reader = CSVRecordReader(source: MemoryByteSource(bytes))
        while (try? reader.next()) == true {
            if self.rowCount == 0 {
                let version = reader.withField(0) { String(decoding: $0, as: UTF8.self) }
                self.versionText = version
                self.layout = CSVVersion(rawValue: version).flatMap { try? FileLayout.layout(of: kind, version: $0) }
            }
            self.rowCount += 1
            guard self.rowCount <= limit else { continue }
            let fields = (0..<reader.fieldCount).map { column in reader.withField(column) { try? MS932.decode($0) } }
            self.rows.append(Row(number: reader.recordNumber, line: reader.recordLine, fields: fields))
        }
    }
}
