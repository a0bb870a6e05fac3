// CarePlan Link — CarePlanCSV

/// A whole file decoded into typed records.
public struct CarePlanFile<Record: CarePlanRecord>: Sendable, Hashable {
    /// CSVバージョン (column 1 of every record).
    public var csvVersion: CSVVersion
    public var records: [Record]

    public init(csvVersion: CSVVersion = .current, records: [Record]) {
        self.csvVersion = csvVersion
        self.records = records
    }
}

/// The file had errors, so it was not decoded.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let report: FileReport
    public var description: String {
        let errors = self.report.diagnostics.filter { $0.severity == .error }
        return (["\(self.report.file): \(self.report.errorCount)件のエラー / \(self.report.errorCount) error(s)"] + errors.prefix(20).map(\.description))
            .joined(separator: "\n")
    }
}

/// Validates and decodes files into typed records.
public enum CarePlanCSVReader {
    /// Validates `bytes` as `fileName` and decodes them into `Record`s.
    /// - Throws: ``ValidationFailure`` when the file has any error (warnings are allowed).
    public static func read<Record: CarePlanRecord>(
        _ type: Record.Type, bytes: [UInt8], fileName: String
    ) throws(ValidationFailure) -> CarePlanFile<Record> {
        let report = FileValidator.validate(bytes: bytes, fileName: fileName)
        guard report.isValid, let version = report.summary.version ?? (report.rowCount == 0 ? .current : nil) else {
            throw ValidationFailure(report: report)
        }
        if let kind = report.name?.kind, kind != Record.kind {
            var wrong = report
            wrong.diagnostics.append(
                Diagnostic(.error, .fileNameGrammar, file: fileName, ja: "ファイル種別が\(Record.kind.prefix)ではありません", en: "the file is not a \(Record.kind.prefix) file"))
            throw ValidationFailure(report: wrong)
        }
        return CarePlanFile(csvVersion: version, records: Self.decodeRecords(Record.self, bytes: bytes, version: version))
    }

    /// Decodes already-validated bytes.
    static func decodeRecords<Record: CarePlanRecord>(_ type: Record.Type, bytes: [UInt8], version: CSVVersion) -> [Record] {
        // Validation guarantees a layout for this kind and version and well-formed fields.
        let layout = try! FileLayout.layout(of: Record.kind, version: version)
        let reader = CSVRecordReader(source: MemoryByteSource(bytes))
        var records: [Record] = []
        while (try? reader.next()) == true {
            var texts: [Int: String] = [:]
            for (column, spec) in layout.fields.enumerated() where column > 0 {
                let text = reader.withField(column) { (try? MS932.decode($0)) ?? "" }
                if !text.isEmpty { texts[spec.number] = text }
            }
            // A validated row always decodes; a failure here is a bug in the validator, not bad input.
            records.append(try! Record(row: FieldTextRow(texts)))
        }
        return records
    }
}
