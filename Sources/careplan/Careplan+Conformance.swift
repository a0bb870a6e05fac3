// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanClient
import CarePlanForms
import Foundation

extension Careplan {
    struct Conformance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Run the vendor conformance kit (ベンダーテスト) on an export folder, or compare an import result with the sample set (取込確認).",
            discussion: """
                careplan conformance <export folder or files> [--side …] [--format text|json|html] [--out FILE]
                  Sorts the files into the vendor test patterns (\(ConformancePattern.allCases.map(\.rawValue).joined(separator: ", "))),
                  validates each file with the send profile and each send unit with the unit rules, checks that every pattern is present
                  and complete, and reports per pattern. A pattern counts only when its group (居宅 / 予防) has a file in the export;
                  --side limits the patterns to one party's output. Exit code 1 unless every counted pattern passes and nothing has an
                  error.

                careplan conformance --import-check <sample folder> <import result> [--format text|json] [--out FILE]
                  Compares the sample set the software imported (e.g. the files of the conformance sample set) with what the software
                  shows after import, and lists every item that differs, every missing or extra row, and every row a delete file of the
                  set should have removed. The import result is CSV (UTF-8 or MS932) with the header 種別,行,項番,値 (or
                  kind,row,item,value), or JSON (a file ending in .json, or starting with "[") holding
                  [{"kind": "UPPLAN", "row": 1, "item": 15, "value": "111111"}, …]. 種別 is a sample file name or a file-kind prefix (rows
                  then count across that kind's files in file-name order); 行 is the 1-based record, 項番 the item No. Exit code 1 when
                  anything differs.
                """)

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
            case html
        }

        /// The ``ConformanceSide`` values, as the option takes them.
        enum Side: String, ExpressibleByArgument, CaseIterable {
            case careManager = "care-manager"
            case provider
            case preventionCenter = "prevention-center"
            case all

            var conformanceSide: ConformanceSide {
                switch self {
                case .careManager: .careManager
                case .provider: .provider
                case .preventionCenter: .preventionCenter
                case .all: .all
                }
            }
        }

        @Argument(
            help: "The export's files or folders (searched recursively for .CSV and .jpg); with --import-check: the sample folder and the import result file.",
            completion: .file())
        var paths: [String]

        @Flag(help: "Compare an import result with the sample folder instead (取込確認): give the sample folder and the import result (CSV or JSON).")
        var importCheck = false

        @Option(help: "Whose export it is: care-manager (居宅介護支援), provider (サービス事業所), prevention-center (地域包括支援センター) or all.")
        var side: Side = .all

        @Option(help: "Output format: text (Japanese and English), json, or html (a self-contained page; conformance report only).")
        var format: OutputFormat = .text

        @Option(name: .shortAndLong, help: "Write the report to this file (the text summary still goes to standard output for json/html).", completion: .file())
        var out: String?

        func validate() throws {
            if self.importCheck {
                guard self.paths.count == 2 else {
                    throw ValidationError("--import-check にはサンプルフォルダと取込結果ファイルの2つを指定します / --import-check takes the sample folder and the import result file")
                }
                guard self.format != .html else { throw ValidationError("--format html は適合性レポート専用です / --format html is for the conformance report only") }
            } else {
                guard !self.paths.isEmpty else { throw ValidationError("エクスポートのフォルダかファイルを指定します / give the export folder or files") }
            }
        }

        func run() async throws {
            if self.importCheck {
                try self.runImportCheck()
            } else {
                try self.runConformance()
            }
        }

        private func runConformance() throws {
            let files = try LocalUnit.specFiles(in: self.paths)
            guard !files.isEmpty else { throw CommandError("確認するファイルがありません / no files to check") }
            let report = ConformanceKit.run(paths: files, side: self.side.conformanceSide)
            switch self.format {
            case .text: try self.emit(report.text)
            case .json: try self.emit(try Self.json(report), summary: report.text)
            case .html: try self.emit(report.html, summary: report.text)
            }
            if !report.pass { throw ExitCode(1) }
        }

        private func runImportCheck() throws {
            let sample = try LocalUnit.specFiles(in: [self.paths[0]])
            guard !sample.isEmpty else { throw CommandError("サンプルフォルダにファイルがありません / the sample folder holds no files: \(self.paths[0])") }
            var files: [ImportCheck.SourceFile] = []
            for path in sample {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                files.append(ImportCheck.SourceFile(name: URL(fileURLWithPath: path).lastPathComponent, bytes: [UInt8](data)))
            }
            let resultPath = self.paths[1]
            guard FileManager.default.fileExists(atPath: resultPath) else {
                throw CommandError("取込結果ファイルがありません / no such import result file: \(resultPath)")
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: resultPath))
            let entries: [ImportCheck.Entry]
            if Self.isJSON(path: resultPath, data: data) {
                do {
                    entries = try JSONDecoder().decode([ImportCheck.Entry].self, from: data)
                } catch {
                    throw CommandError("取込結果のJSONを読めません / cannot read the import result JSON: \(error)")
                }
            } else {
                entries = try ImportCheck.entries(csv: [UInt8](data))
            }
            let report = ImportCheck.compare(sample: files, imported: entries)
            switch self.format {
            case .json: try self.emit(try Self.json(report), summary: report.text)
            case .text, .html: try self.emit(report.text)
            }
            if !report.identical { throw ExitCode(1) }
        }

        /// A `.json` file, or one whose first non-blank character opens an array or object.
        private static func isJSON(path: String, data: Data) -> Bool {
            if path.lowercased().hasSuffix(".json") { return true }
            let bytes = [UInt8](data.prefix(64))
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let first = bytes[start...].first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
        }

        private static func json(_ value: some Encodable) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }

        /// Writes `text` to `--out` (and prints `summary`), or prints `text`.
        private func emit(_ text: String, summary: String? = nil) throws {
            guard let out = self.out else {
                print(text)
                return
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            if let summary { print(summary) }
            printError("書き出しました / wrote \(out)")
        }
    }
}
