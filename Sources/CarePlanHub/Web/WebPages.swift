// CarePlan Link — CarePlanHub
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Mustache

/// The web UI's Mustache templates (Resources/templates), loaded once per language.
///
/// The templates are written in Japanese with each piece of text marked `[[…]]`; the Japanese pages drop the marks,
/// the English ones take each piece's translation from `templates/english.tsv` (`日本語<TAB>English` per line). A
/// marked piece without a translation stops the hub at start, so no English page shows a forgotten Japanese label.
struct WebPages: Sendable {
    static let templates = [
        "header", "footer", "login", "units", "unit", "send", "send-confirm", "confirm", "error", "partners", "month", "send-batch", "paper", "settings", "region", "licences", "apply", "applications", "password", "software", "help", "time-study", "operator-offices", "operator-accounts", "operator-health", "operator-audit",
    ]
    let libraries: [PageLanguage: MustacheLibrary]

    init() throws {
        let sources = try Self.templates.map { name in
            guard let url = Self.resource(name, "mustache") else {
                throw HubSetupError("画面テンプレートがありません / missing web template \(name).mustache")
            }
            return (name, try String(contentsOf: url, encoding: .utf8))
        }
        guard let catalogURL = Self.resource("english", "tsv") else {
            throw HubSetupError("英語の訳がありません / missing templates/english.tsv")
        }
        let english = try Self.catalog(String(contentsOf: catalogURL, encoding: .utf8))
        var libraries: [PageLanguage: MustacheLibrary] = [:]
        for language in PageLanguage.allCases {
            var library = MustacheLibrary()
            for (name, source) in sources {
                try library.register(Self.localized(source, named: name, catalog: language == .english ? english : nil), named: name)
            }
            libraries[language] = library
        }
        self.libraries = libraries
    }

    /// A file of `Resources/templates`.
    static func resource(_ name: String, _ fileExtension: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "templates")
    }

    /// `日本語<TAB>English` lines; `#` starts a comment line.
    static func catalog(_ text: String) throws -> [String: String] {
        var catalog: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty, catalog[String(fields[0])] == nil else {
                throw HubSetupError("english.tsv \(number + 1) 行目が「日本語<TAB>English」ではないか重複しています / line \(number + 1) of english.tsv is not one new `Japanese<TAB>English` pair")
            }
            catalog[String(fields[0])] = String(fields[1])
        }
        return catalog
    }

    /// The template with its `[[…]]` pieces in one language: as written (nil catalog) or translated.
    static func localized(_ source: String, named name: String, catalog: [String: String]?) throws -> String {
        var result = ""
        var rest = Substring(source)
        while let open = rest.range(of: "[[") {
            guard let close = rest[open.upperBound...].range(of: "]]") else {
                throw HubSetupError("\(name).mustache: 「[[」が閉じていません / unclosed [[ in \(name).mustache")
            }
            let piece = String(rest[open.upperBound..<close.lowerBound])
            result += rest[..<open.lowerBound]
            if let catalog {
                guard let translated = catalog[piece] else {
                    throw HubSetupError("\(name).mustache: 「\(piece)」の英訳が english.tsv にありません / no English for “\(piece)” in english.tsv")
                }
                result += translated
            } else {
                result += piece
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// An HTML page from its view model (`Web/ViewModels/`) in the request's language; every value is escaped by
    /// Mustache (`{{…}}`).
    func render(_ template: String, _ model: some Sendable, status: HTTPResponse.Status = .ok) -> Response {
        let library = self.libraries[PageLanguage.current] ?? self.libraries[.japanese]!
        // The header's language switch leads back to this page (Mustache cannot see the request).
        let html = (library.render(model, withTemplate: template) ?? "").replacingOccurrences(of: "href=\"__SWITCH__", with: "href=\"\(PageLanguage.switchTarget)")
        return Self.htmlResponse(html, status: status)
    }

    /// An HTML answer with the pages' headers; the forms' print view passes its own, stricter CSP.
    static func htmlResponse(
        _ html: String, status: HTTPResponse.Status = .ok,
        contentSecurityPolicy: String = "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    ) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                // Pages carry care data: never cache them, never frame them.
                .cacheControl: "no-store",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                .contentSecurityPolicy: contentSecurityPolicy,
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
