// CarePlan Link — CarePlanClient
public import CarePlanCSV
public import Foundation

/// `careplan convert`: a file of the standard to JSON of typed records and back. CSV is validated before it becomes
/// JSON; JSON becomes CSV (version 202407, MS932, CRLF) only when the written file validates under its name.
public enum DocumentConversion {
    /// Why a conversion wrote nothing.
    public enum Failure: Error, CustomStringConvertible {
        /// The input CSV is not valid (the text names its errors).
        case invalidInput(String)
        /// The CSV written from the JSON would not be valid; the report says where. Nothing was written.
        case invalidOutput(FileReport)
        /// The JSON is not a document of this tool.
        case unreadableJSON(String)
        /// Neither `--out` nor the document's `fileName` names the CSV.
        case noOutputName
        /// A character has no MS932 code (and look-alikes were not allowed).
        case unencodable(String)

        public var description: String {
            switch self {
            case .invalidInput(let text): text
            case .invalidOutput: "出力が仕様に合わないため書き込みません / the output is not valid, nothing written"
            case .unreadableJSON(let explanation): "JSONを読めません / cannot read the JSON: \(explanation)"
            case .noOutputName: "出力ファイル名がありません（--out か JSON の fileName） / no output name: give --out or fileName in the JSON"
            case .unencodable(let text): text + "\n（--look-alikes で代替文字に置換できます / --look-alikes substitutes look-alikes）"
            }
        }
    }

    /// The JSON of a valid CSV file (pretty-printed, sorted keys).
    public static func json(fromCSV bytes: [UInt8], fileName: String) throws(Failure) -> Data {
        let document: CarePlanDocument
        do {
            document = try CarePlanDocument.read(bytes: bytes, fileName: fileName)
        } catch {
            throw .invalidInput(error.description)
        }
        let encoder = JSONEncoder.readable
        // A decoded document always encodes.
        return try! encoder.encode(document)
    }

    /// The CSV of a JSON document, checked under the name it will have: `out`, else the document's `fileName` beside
    /// `inputFolder`. Characters outside MS932 are refused, or with `lookAlikes` replaced and listed.
    public static func csv(
        fromJSON bytes: [UInt8], out: URL?, inputFolder: URL, lookAlikes: Bool, codes: MS932CodeChoice = .necSelected
    ) throws(Failure) -> (target: URL, output: CarePlanCSVWriter.Output, rows: Int) {
        let document: CarePlanDocument
        do {
            document = try JSONDecoder().decode(CarePlanDocument.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .unreadableJSON(error.explanation)
        } catch {
            throw .unreadableJSON("\(error)")
        }
        guard let target = out ?? document.fileName.map({ inputFolder.appendingPathComponent($0) }) else { throw .noOutputName }
        let output: CarePlanCSVWriter.Output
        do {
            output = try document.write(substitution: lookAlikes ? .lookAlikes : .strict, codes: codes)
        } catch {
            throw .unencodable(error.description)
        }
        let report = FileValidator.validate(bytes: output.bytes, fileName: target.lastPathComponent)
        guard report.isValid else { throw .invalidOutput(report) }
        return (target, output, document.records.count)
    }
}
