// CarePlan Link — CarePlanForms
import CarePlanCSV

/// The Japanese label of a code of the spec's code tables (コード表), as printed on the forms.
enum CodeLabel {
    static func label(_ code: String, _ table: String) -> String? { CodeTable.named(table)?.label(of: code) }

    /// The label (or the bare code), not escaped: for text that the page escapes itself (titles, subtitles).
    static func text(_ code: String?, _ table: String) -> String {
        guard let code, !code.isEmpty else { return "" }
        return Self.label(code, table) ?? code
    }

    /// The options of `table` with the chosen one marked, as the paper forms print them (`初回・紹介・<b>継続</b>`).
    static func choices(_ code: String?, _ table: String, only codes: [String]? = nil) -> String {
        guard let entries = CodeTable.named(table)?.entries else { return HTMLText.text(code) }
        let shown = codes.map { wanted in entries.filter { wanted.contains($0.code) } } ?? entries
        var parts = shown.map { entry in
            entry.code == code
                ? "<span class=\"chosen\" data-code=\"\(HTMLText.escape(entry.code))\">\(HTMLText.escape(entry.label))</span>"
                : "<span class=\"option\">\(HTMLText.escape(entry.label))</span>"
        }
        if let code, !code.isEmpty, !shown.contains(where: { $0.code == code }) {
            parts.append("<span class=\"chosen\" data-code=\"\(HTMLText.escape(code))\">\(HTMLText.escape(Self.label(code, table) ?? code))</span>")
        }
        return parts.joined(separator: "・")
    }
}
