// CarePlan Link — CarePlanCSV

/// A file shown one record at a time, `No. 項目名 │ 値`, whether or not it is valid (invalid values are shown as read):
/// what `careplan show` prints.
public enum RecordListing {
    /// The listing of `bytes`, named `name`, with at most `limit` records in full.
    public static func render(bytes: [UInt8], fileName: CarePlanFileName, name: String, limit: Int) -> String {
        var lines = ["\(name)", "  種別/kind: \(fileName.kind.prefix) \(fileName.kind.japaneseName)",
                     "  送信元/from: \(fileName.sender)  送信先/to: \(fileName.recipient)  連番/sequence: \(fileName.timestamp)"]
        if let month = fileName.month { lines.append("  年月/month: \(month)") }
        guard !fileName.kind.isImage else {
            lines.append("  JPEG画像 \(bytes.count) bytes / JPEG image")
            return lines.joined(separator: "\n")
        }
        let file = RawCarePlanFile(bytes: bytes, kind: fileName.kind, limit: limit)
        if let version = file.versionText { lines.append("  CSVバージョン: \(version)\(file.layout == nil ? "（レイアウト不明 / unknown layout）" : "")") }
        let width = file.layout?.fields.map { Self.displayWidth($0.name) }.max() ?? 10
        for row in file.rows {
            lines.append("── 行/row \(row.number) (line \(row.line)) " + String(repeating: "─", count: 40))
            for (column, value) in row.fields.enumerated() {
                let spec = file.layout.flatMap { column < $0.fields.count ? $0.fields[column] : nil }
                let label = spec.map { "No.\(String(repeating: " ", count: max(0, 2 - String($0.number).count)))\($0.number) \($0.name)" } ?? "列\(column + 1)"
                let padding = String(repeating: " ", count: max(0, width + 7 - Self.displayWidth(label)))
                // Line breaks inside a value would break the table: shown as ⏎.
                let shown = (value ?? "<MS932でない/invalid MS932>").map { $0 == "\r\n" || $0 == "\n" ? "⏎" : $0 }
                lines.append("  \(label)\(padding)│ \(String(shown))")
            }
        }
        if file.rowCount > limit { lines.append("… \(file.rowCount - limit) more rows (--limit)") }
        lines.append("計 \(file.rowCount) 行 / \(file.rowCount) rows")
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
