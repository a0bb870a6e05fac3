// CarePlan Link — CarePlanHub
import Hummingbird

/// Behind the session check: a refusal (not found, gone, busy, …) becomes the error page with the office's header
/// and navigation, which ``WebMiddleware`` in front of the session cannot know. A missing session is left to it.
struct SessionErrorPages: RouterMiddleware {
    typealias Context = HubRequestContext
    let pages: WebPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HubError where error.status != .unauthorized {
            return self.pages.render("error", ErrorPageModel(message: error.message, office: self.header(context)), status: error.status)
        } catch let error as ExchangeError {
            return self.pages.render("error", ErrorPageModel(message: error.message, office: self.header(context), code: error.code), status: error.status)
        }
    }

    private func header(_ context: Context) -> OfficeHeader? {
        context.identity?.office.map(OfficeHeader.init)
    }
}
