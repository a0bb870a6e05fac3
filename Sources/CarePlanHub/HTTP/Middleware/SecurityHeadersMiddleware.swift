// CarePlan Link — CarePlanHub
import HTTPTypes
import Hummingbird
import Logging

/// Headers every answer carries: no MIME sniffing, no referrer, HSTS when the hub serves HTTPS itself, and no caching of
/// anything under `/api` and `/web` (lists, receipts and files hold personal data; a shared PC must not keep them).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let https: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return self.apply(to: try await next(request, context), path: request.uri.path)
        } catch let error as any HTTPResponseError {
            return self.apply(to: try error.response(from: request, context: context), path: request.uri.path)
        } catch {
            // An unexpected error still gets the headers; its details go to the log, never to the client.
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return self.apply(to: Response(status: .internalServerError), path: request.uri.path)
        }
    }

    private func apply(to response: Response, path: String) -> Response {
        var response = response
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on the hub's own form posts,
        // which the web's same-site check must then treat as unknown. No referrer ever goes to another site.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if self.https { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        if path.hasPrefix("/api/") || path.hasPrefix("/web") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
