// CarePlan Link — helpers for reading the forms' HTML in tests: the sections per user and form, and counts.
import Foundation

/// The forms of a rendered book: (user key, form class, section HTML) in document order.
struct FormHTML {
    struct Section {
        let user: String
        let form: String
        let html: String
    }

    let html: String
    let sections: [Section]

    init(_ html: String) {
        self.html = html
        var sections: [Section] = []
        for userChunk in html.components(separatedBy: "<div class=\"user\" id=\"user-").dropFirst() {
            let user = String(userChunk.prefix { $0 != "\"" })
            for formChunk in userChunk.components(separatedBy: "<section class=\"form ").dropFirst() {
                let form = Self.attribute("data-form", in: formChunk) ?? ""
                let body = formChunk.components(separatedBy: "</section>").first ?? ""
                sections.append(Section(user: user, form: form, html: body))
            }
        }
        self.sections = sections
    }

    func forms(of user: String) -> [String] { self.sections.filter { $0.user == user }.map(\.form) }

    func section(_ form: String, user: String) -> Section? { self.sections.first { $0.form == form && $0.user == user } }

    static func attribute(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "\(name)=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// How often `needle` occurs in `haystack`.
    static func count(_ needle: String, in haystack: String) -> Int { haystack.components(separatedBy: needle).count - 1 }

    /// The `<tbody class="service" …>` blocks of a 第6表 section with the given サービスコード.
    static func serviceLines(code: String, in html: String) -> [String] {
        html.components(separatedBy: "<tbody class=\"service\" data-code=\"").dropFirst()
            .filter { $0.hasPrefix(code + "\"") }
            .map { $0.components(separatedBy: "</tbody>").first ?? "" }
    }

    /// The day cells of the `<tr class="plan">` or `<tr class="result">` row: day → text.
    static func dayCells(row kind: String, in line: String) -> [Int: String] {
        guard let row = line.components(separatedBy: "<tr class=\"\(kind)\">").dropFirst().first?.components(separatedBy: "</tr>").first else { return [:] }
        var cells: [Int: String] = [:]
        for chunk in row.components(separatedBy: "<td data-day=\"").dropFirst() {
            let day = Int(chunk.prefix { $0 != "\"" }) ?? 0
            let text = chunk.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first ?? ""
            cells[day] = text
        }
        return cells
    }

    /// The days whose cell is marked as differing between 予定 and 実績 in a row.
    static func differingDays(row kind: String, in line: String) -> [Int] {
        guard let row = line.components(separatedBy: "<tr class=\"\(kind)\">").dropFirst().first?.components(separatedBy: "</tr>").first else { return [] }
        return row.components(separatedBy: "<td data-day=\"").dropFirst().compactMap { chunk in
            chunk.contains("class=\"differs\"") && chunk.firstIndex(of: ">")! > chunk.range(of: "class=\"differs\"")!.lowerBound
                ? Int(chunk.prefix { $0 != "\"" }) : nil
        }
    }

    /// The total (合計回数) of the row.
    static func total(row kind: String, in line: String) -> String? {
        guard let row = line.components(separatedBy: "<tr class=\"\(kind)\">").dropFirst().first?.components(separatedBy: "</tr>").first,
            let cell = row.components(separatedBy: "<td class=\"total num\">").dropFirst().first
        else { return nil }
        return cell.components(separatedBy: "<").first
    }
}
