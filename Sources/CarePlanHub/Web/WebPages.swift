// CarePlan Link — CarePlanHub
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Mustache

/// The web UI's Mustache templates (Resources/templates), loaded once.
struct WebPages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for name in ["header", "footer", "login", "units", "unit", "send", "send-confirm", "confirm", "error", "partners", "month", "send-batch", "paper", "settings"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "templates") else {
                throw HubSetupError("画面テンプレートがありません / missing web template \(name).mustache")
            }
            try library.register(String(contentsOf: url, encoding: .utf8), named: name)
        }
        self.library = library
    }

    /// An HTML page from its view model (`Web/ViewModels/`); every value is escaped by Mustache (`{{…}}`).
    func render(_ template: String, _ model: some Sendable, status: HTTPResponse.Status = .ok) -> Response {
        Self.htmlResponse(self.library.render(model, withTemplate: template) ?? "", status: status)
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
