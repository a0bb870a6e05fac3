// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird

/// ヘルプ (`/web/help…`), public: the index, はじめに, よくある質問, one page per validator rule and import code
/// (`/web/help/rules/field.required`) and per hub error code (`/web/help/errors/unit.invalid`). Nothing on them
/// depends on who asks, so they need no login: an applicant and a vendor read them too.
struct HelpWebController {
    let hub: Hub
    let pages: WebPages
    let catalog: HelpCatalog

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("help") { request, _ in try await self.render(HelpPageModel.index(self.catalog), request) }
        group.get("help/start") { request, _ in try await self.render(HelpPageModel.start(self.catalog), request) }
        group.get("help/faq") { request, _ in try await self.render(HelpPageModel.faq(self.catalog), request) }
        group.get("help/rules/:id") { request, context in
            guard let entry = self.catalog.rule(try context.parameters.require("id")) else { throw Self.notFound }
            return try await self.render(HelpPageModel.rule(entry), request)
        }
        group.get("help/errors/:code") { request, context in
            guard let entry = self.catalog.error(try context.parameters.require("code")) else { throw Self.notFound }
            return try await self.render(HelpPageModel.error(entry), request)
        }
    }

    /// The page with the header of whoever is logged in (the pages are public; a live session only adds its
    /// navigation, so that a user who followed an error's link finds the way back).
    private func render(_ model: HelpPageModel, _ request: Request) async throws -> Response {
        var model = model
        if let value = request.cookies[WebLoginController.cookieName]?.value, !value.isEmpty,
            let (credential, account, office) = try await self.hub.store.identity(secretHash: Secrets.hash(value)),
            credential.kind == .webSession, credential.revokedAt == nil, credential.expiresAt > self.hub.now()
        {
            let header = await self.hub.accountPageHeader(HubIdentity(account: account, office: office, credential: credential))
            (model.office, model.hubOperator, model.authority) = (header.office, header.hubOperator, header.authority)
            model.loggedIn = true
        }
        return self.pages.render("help", model)
    }

    private static let notFound = ExchangeError(.notFound, "help.notFound", "そのヘルプページはありません / no such help page")
}
