// CarePlan Link — CarePlanHub
import Foundation
import HTTPTypes
import Hummingbird

/// In front of the web pages: the page language is chosen (``PageLanguage``), a form POST must come from this site
/// (Origin check; the session cookie is also SameSite=Strict), a missing or expired session goes to the login page,
/// and other errors become an HTML page.
struct WebMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let pages: WebPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (language, chosen) = PageLanguage.of(request)
        var response = try await PageLanguage.$current.withValue(language) {
            try await PageLanguage.$switchTarget.withValue(PageLanguage.switchTarget(for: request)) { try await self.page(request, context: context, next: next) }
        }
        if chosen { response.headers.append(HTTPField(name: .setCookie, value: language.cookie)) }
        return response
    }

    private func page(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post, !Self.isSameOrigin(request) {
            return self.pages.render("error", ErrorPageModel(message: "別のサイトからの送信は受け付けません / cross-site form posts are refused"), status: .forbidden)
        }
        do {
            return try await next(request, context)
        } catch let error as HubError where error.status == .unauthorized {
            return .redirect(to: "/web/login", type: .normal)
        } catch let error as HubError {
            return self.pages.render("error", ErrorPageModel(message: error.message), status: error.status)
        } catch let error as ExchangeError {
            return self.pages.render("error", ErrorPageModel(message: error.message, code: error.code), status: error.status)
        }
    }

    /// A browser names the page a form came from in `Origin` (and `Sec-Fetch-Site`); it must be this hub. An opaque
    /// `Origin: null` (a privacy setting, a sandboxed frame) counts only when the browser also says `same-origin`.
    static func isSameOrigin(_ request: Request) -> Bool {
        let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]
        if let site, site != "same-origin", site != "none" { return false }
        guard let origin = request.headers[.origin] else { return true }
        if origin == "null" { return site == "same-origin" }
        guard let authority = request.head.authority, let url = URL(string: origin), let host = url.host else { return false }
        let defaultPort = url.scheme == "https" ? 443 : 80
        let port = url.port ?? defaultPort
        return authority == "\(host):\(port)" || (port == defaultPort && authority == host)
    }
}
