// CarePlan Link — CarePlanHub
import CarePlanForms
import Foundation
import HTTPTypes
import Hummingbird

/// The language of a web page: Japanese first, English on request. Chosen per request by ``WebMiddleware`` (the
/// `lang` query, which it keeps in a cookie, then the cookie, then the browser's `Accept-Language`) and read by the
/// view models and ``WebPages`` through ``current``, a task-local, so that every page of one request speaks one
/// language without each model being handed it. Outside a web request (the API, the mails) it is Japanese.
enum PageLanguage: String, Sendable, CaseIterable {
    case japanese = "ja"
    case english = "en"

    @TaskLocal static var current = PageLanguage.japanese

    /// The page the language switch leads back to, HTML-escaped: this page with its query (without `lang`) for a
    /// GET, the inbox after a form post. Set by ``WebMiddleware`` with ``current``.
    @TaskLocal static var switchTarget = "/web/inbox"

    /// The switch's target for `request`.
    static func switchTarget(for request: Request) -> String {
        guard request.method == .get else { return "/web/inbox" }
        let query = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
        // One leading slash: `//web/inbox` reaches the inbox too, and as a link it would name a host.
        let target = "/" + request.uri.path.drop { $0 == "/" } + (query.isEmpty ? "?" : "?\(query)&")
        return HTMLText.escape(target)
    }

    /// The cookie that keeps a choice made with `?lang=`.
    static let cookieName = "careplan_lang"

    /// The language for `request`; `chosen` when the request asked with `?lang=` (to be kept in the cookie).
    static func of(_ request: Request) -> (language: PageLanguage, chosen: Bool) {
        if let asked = request.uri.queryParameters.get("lang").flatMap(PageLanguage.init(rawValue:)) { return (asked, true) }
        if let kept = request.cookies[Self.cookieName].flatMap({ PageLanguage(rawValue: $0.value) }) { return (kept, false) }
        return (Self.preferred(request.headers[.acceptLanguage] ?? ""), false)
    }

    /// The browser's preference between the two (RFC 9110 §12.5.4): the highest `q` of a `ja…` or `en…` range, the
    /// earlier on a tie; Japanese when it names neither.
    static func preferred(_ header: String) -> PageLanguage {
        var best: (language: PageLanguage, q: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = parts.first?.lowercased() ?? ""
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            func names(_ code: String) -> Bool { tag == code || tag.hasPrefix(code + "-") }
            let language: PageLanguage? = names("ja") ? .japanese : names("en") ? .english : nil
            if let language, q > 0, q > (best?.q ?? 0) { best = (language, q) }
        }
        return best?.language ?? .japanese
    }

    /// The `Set-Cookie` value that keeps the choice for a year.
    var cookie: String { "\(Self.cookieName)=\(self.rawValue); Path=/web; Max-Age=31536000; SameSite=Lax; HttpOnly" }
}
