// CarePlan Link — CarePlanHub
import Hummingbird

/// ヘルプ (`/web/help…`), public: the index, はじめに, よくある質問, one page per validator rule and import code
/// (`/web/help/rules/field.required`) and per hub error code (`/web/help/errors/unit.invalid`). Nothing on them
/// depends on who asks, so they need no login: an applicant and a vendor read them too.
struct HelpWebController {
    let pages: WebPages
    let catalog: HelpCatalog

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("help") { _, _ in self.pages.render("help", HelpPageModel.index(self.catalog)) }
        group.get("help/start") { _, _ in self.pages.render("help", HelpPageModel.start(self.catalog)) }
        group.get("help/faq") { _, _ in self.pages.render("help", HelpPageModel.faq(self.catalog)) }
        group.get("help/rules/:id") { _, context in
            guard let entry = self.catalog.rule(try context.parameters.require("id")) else { throw Self.notFound }
            return self.pages.render("help", HelpPageModel.rule(entry))
        }
        group.get("help/errors/:code") { _, context in
            guard let entry = self.catalog.error(try context.parameters.require("code")) else { throw Self.notFound }
            return self.pages.render("help", HelpPageModel.error(entry))
        }
    }

    private static let notFound = ExchangeError(.notFound, "help.notFound", "そのヘルプページはありません / no such help page")
}
