// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanClient
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

        @Option(help: "For characters MS932 has twice (e.g. 髙 﨑 ⅰ–ⅹ): nec (default; the code Windows, Python's cp932 and browser decoders all read) or windows (Windows' own choice, the IBM extension 0xFA40–0xFC4B).")
        var ms932Codes: MS932CodeChoice = .necSelected

        func run() async throws {
            let url = URL(fileURLWithPath: self.input)
            let bytes = try [UInt8](Data(contentsOf: url))
            do {
                if url.pathExtension.lowercased() != "json" {
                    let json = try DocumentConversion.json(fromCSV: bytes, fileName: url.lastPathComponent)
                    guard let out = self.out else { return print(String(decoding: json, as: UTF8.self)) }
                    return try json.write(to: URL(fileURLWithPath: out), options: .atomic)
                }
                let (target, output, rows) = try DocumentConversion.csv(
                    fromJSON: bytes, out: self.out.map { URL(fileURLWithPath: $0) }, inputFolder: url.deletingLastPathComponent(), lookAlikes: self.lookAlikes,
                    codes: self.ms932Codes)
                for substitution in output.substitutions { printError(substitution.description) }
                try Data(output.bytes).write(to: target, options: .atomic)
                print("\(target.path): \(rows)行/rows, \(output.bytes.count) bytes")
            } catch let failure as DocumentConversion.Failure {
                switch failure {
                case .invalidInput(let text):
                    printError(text)
                    throw ExitCode(1)
                case .invalidOutput(let report):
                    print(ValidationText.render(reports: [report], units: [], showWarnings: false))
                    throw CommandError(failure.description)
                case .unreadableJSON, .noOutputName, .unencodable:
                    throw CommandError(failure.description)
                }
            }
        }
    }
}
