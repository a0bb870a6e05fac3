// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import Foundation

extension Careplan {
    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a file between spec CSV and JSON of typed records (変換).",
            discussion: """
                CSV → JSON: the file is validated first; JSON keys are the English item identifiers, dates are "YYYYMMDD" strings.
                JSON → CSV: the document's "kind" picks the layout; the CSV is written in CSV version 202407 (MS932, CRLF) and validated
                under its file name ("fileName" in the JSON, or --out) before it is written.
                """)

        @Argument(help: "A .CSV file of the standard, or a .json document made by this command.", completion: .file())
        var input: String

        @Option(name: .shortAndLong, help: "Output path (default: JSON to standard output; CSV next to the input under the document's fileName).")
        var out: String?

        @Flag(help: "When writing CSV, replace characters outside MS932 by their usual look-alikes (e.g. 〜 U+301C → ～ U+FF5E) and report each.")
        var lookAlikes = false

        func run() async throws {
            let url = URL(fileURLWithPath: self.input)
            let bytes = try [UInt8](Data(contentsOf: url))
            if url.pathExtension.lowercased() == "json" {
                try self.jsonToCSV(bytes, inputURL: url)
            } else {
                try self.csvToJSON(bytes, name: url.lastPathComponent)
            }
        }

        private func csvToJSON(_ bytes: [UInt8], name: String) throws {
            let document: CarePlanDocument
            do {
                document = try CarePlanDocument.read(bytes: bytes, fileName: name)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = try encoder.encode(document)
            if let out = self.out {
                try json.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                print(String(decoding: json, as: UTF8.self))
            }
        }

        private func jsonToCSV(_ bytes: [UInt8], inputURL: URL) throws {
            let document: CarePlanDocument
            do {
                document = try JSONDecoder().decode(CarePlanDocument.self, from: Data(bytes))
            } catch let error as DecodingError {
                throw CommandError("JSONを読めません / cannot read the JSON: \(error.explanation)")
            }
            let target: URL
            if let out = self.out {
                target = URL(fileURLWithPath: out)
            } else if let name = document.fileName {
                target = inputURL.deletingLastPathComponent().appendingPathComponent(name)
            } else {
                throw CommandError("出力ファイル名がありません（--out か JSON の fileName） / no output name: give --out or fileName in the JSON")
            }
            let output: CarePlanCSVWriter.Output
            do {
                output = try document.write(substitution: self.lookAlikes ? .lookAlikes : .strict)
            } catch {
                throw CommandError(error.description + "\n（--look-alikes で代替文字に置換できます / --look-alikes substitutes look-alikes）")
            }
            for substitution in output.substitutions { FileHandle.standardError.write(Data((substitution.description + "\n").utf8)) }
            let report = FileValidator.validate(bytes: output.bytes, fileName: target.lastPathComponent)
            guard report.isValid else {
                print(ValidationText.render(reports: [report], units: [], showWarnings: false))
                throw CommandError("出力が仕様に合わないため書き込みません / the output is not valid, nothing written")
            }
            try Data(output.bytes).write(to: target, options: .atomic)
            print("\(target.path): \(document.records.count)行/rows, \(output.bytes.count) bytes")
        }
    }
}
