// CarePlan Link — CarePlanForms

/// Text as it goes into a form's HTML: escaped, with the CSV's line breaks kept, and the codes of the spec shown
/// with their Japanese labels.
public enum HTMLText {
    /// Escapes `text` for element content and attribute values (quotes included); also for the hub's print-view bar.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escaped free text (自由記述) with its line breaks (CR LF, CR or LF in the CSV) as `<br>`; empty for nil.
    static func block(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { Self.escape(String($0)) }.joined(separator: "<br>")
    }

    /// Escaped text, empty for nil.
    static func text(_ text: String?) -> String { text.map(Self.escape) ?? "" }

    /// `code` with its label from the code table `table` (`21 要介護１` → `要介護１`); the bare code when the table
    /// has no such code, so that nothing sent is hidden.
    static func code(_ code: String?, _ table: String) -> String {
        guard let code, !code.isEmpty else { return "" }
        return Self.escape(CodeLabel.label(code, table) ?? code)
    }

    /// A number with thousands separators (単位数, 円), empty for nil.
    static func number(_ value: Int?) -> String {
        guard let value else { return "" }
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}

extension String {
    /// CR LF and lone CR as LF.
    fileprivate func replacingCRLF() -> String {
        var out = ""
        var previousWasCR = false
        for scalar in self.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
