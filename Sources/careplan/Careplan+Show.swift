// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import Foundation

extension Careplan {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a file as a readable table with the spec's item names (表示).")

        @Argument(help: "A file of the standard.", completion: .file())
        var file: String

        @Option(help: "Show at most this many records.")
        var limit: Int = 50

        func run() async throws {
            let name = URL(fileURLWithPath: self.file).lastPathComponent
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: self.file)))
            let fileName = try CarePlanFileName(parsing: name)
            print(ShowOutput.render(bytes: bytes, fileName: fileName, name: name, limit: self.limit))
        }
    }
}

/// Renders a file one record at a time: `No. 項目名 | 値`, whether or not the file is valid (invalid values are shown as read).
enum ShowOutput {
    static func render(bytes: [UInt8], fileName: CarePlanFileName, name: String, limit: Int) -> String {
        var lines = ["\(name)", "  種別/kind: \(fileName.kind.prefix) \(fileName.kind.japaneseName)",
                     "  送信元/from: \(fileName.sender)  送信先/to: \(fileName.recipient)  連番/sequence: \(fileName.timestamp)"]
        if let month = fileName.month { lines.append("  年月/month: \(month)") }
        guard !fileName.kind.isImage else {
            lines.append("  JPEG画像 \(bytes.count) bytes / JPEG image")
            return lines.joined(separator: "\n")
        }
        let reader = CSVRecordReader(source: MemoryByteSource(bytes))
        var layout: FileLayout?
        var shown = 0
        while (try? reader.next()) == true {
            if layout == nil {
                let version = reader.withField(0) { String(decoding: $0, as: UTF8.self) }
                layout = CSVVersion(rawValue: version).flatMap { try? FileLayout.layout(of: fileName.kind, version: $0) }
                lines.append("  CSVバージョン: \(version)\(layout == nil ? "（レイアウト不明 / unknown layout）" : "")")
            }
            shown += 1
            guard shown <= limit else { continue }
            lines.append("── 行/row \(reader.recordNumber) (line \(reader.recordLine)) " + String(repeating: "─", count: 40))
            let width = layout?.fields.map { self.displayWidth($0.name) }.max() ?? 10
            for column in 0..<reader.fieldCount {
                let value = reader.withField(column) { (try? MS932.decode($0)) ?? "<MS932でない/invalid MS932>" }
                let spec = layout.flatMap { column < $0.fields.count ? $0.fields[column] : nil }
                let label = spec.map { "No.\(String($0.number).leftPad(2)) \($0.name)" } ?? "列\(column + 1)"
                let padding = String(repeating: " ", count: max(0, width + 7 - self.displayWidth(label)))
                lines.append("  \(label)\(padding)│ \(value.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎"))")
            }
        }
        if shown > limit { lines.append("… \(shown - limit) more rows (--limit)") }
        lines.append("計 \(shown) 行 / \(shown) rows")
        return lines.joined(separator: "\n")
    }

    /// Terminal columns: full-width characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value)
            return width + (wide ? 2 : 1)
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { self.count >= width ? self : String(repeating: " ", count: width - self.count) + self }
}
