// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// 連携先 in the browser: the office's partners with their requests to answer, the directory's search, and the
/// operations (ask, accept, decline, favourite, remove after a confirmation). Every route needs the `send` scope, as in
/// the API; the rules are ``PartnerBook``'s.
struct PartnerWebController {
    let hub: Hub
    let pages: WebPages

    private var book: PartnerBook { PartnerBook(hub: self.hub) }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("partners", use: self.page)
        protected.post("partners/:office/request") { _, context in
            try await self.change(context, done: "requested") { partner, office, actor in
                let (partnership, _) = try await self.book.request(partner, by: office, actor: actor)
                return partnership.state == .linked ? "linked" : "requested"
            }
        }
        protected.post("partners/:office/accept") { _, context in
            try await self.change(context, done: "accepted") { partner, office, actor in
                _ = try await self.book.answer(partner, by: office, accept: true, actor: actor)
                return "accepted"
            }
        }
        protected.post("partners/:office/decline") { _, context in
            try await self.change(context, done: "declined") { partner, office, actor in
                _ = try await self.book.answer(partner, by: office, accept: false, actor: actor)
                return "declined"
            }
        }
        for (path, favourite) in [("favourite", true), ("unfavourite", false)] {
            protected.post("partners/:office/\(path)") { _, context in
                try await self.change(context, done: path) { partner, office, actor in
                    _ = try await self.book.setFavourite(partner, by: office, favourite: favourite, actor: actor)
                    return path
                }
            }
        }
        // Joining shares the office's counts with the municipality and its prefecture: the office's administrators
        // decide (the `manage` scope), as they do for its notification address.
        for (path, join) in [("join", true), ("decline", false)] {
            protected.post("partners/region/:region/\(path)") { _, context in
                let (office, actor) = try Self.office(context, scope: .manage)
                try await RegionBook(hub: self.hub).answer(region: try context.parameters.require("region", as: Int64.self), join: join, by: office, actor: actor)
                return Response.redirect(to: "/web/partners?done=region\(join ? "Joined" : "Declined")", type: .normal)
            }
        }
        protected.post("partners/region/:region/leave") { _, context in
            let (office, actor) = try Self.office(context, scope: .manage)
            try await RegionBook(hub: self.hub).leave(region: try context.parameters.require("region", as: Int64.self), by: office, actor: actor)
            return Response.redirect(to: "/web/partners?done=regionLeft", type: .normal)
        }
        for (path, accept) in [("accept", true), ("decline", false)] {
            protected.post("partners/proposal/:proposal/\(path)") { _, context in
                let (office, actor) = try Self.office(context)
                let proposal = try await RegionBook(hub: self.hub).answerProposal(
                    try context.parameters.require("proposal", as: Int64.self), accept: accept, by: office, actor: actor)
                let done = !accept ? "proposalDeclined" : proposal.state == .accepted ? "proposalLinked" : "proposalAccepted"
                return Response.redirect(to: "/web/partners?done=\(done)", type: .normal)
            }
        }
        protected.get("partners/:office/remove", use: self.confirmRemoval)
        protected.post("partners/:office/remove") { _, context in
            try await self.change(context, done: "removed") { partner, office, actor in
                try await self.book.remove(partner, by: office, actor: actor)
                return "removed"
            }
        }
    }

    /// What the page says after an operation, by the `done` query value.
    private static let messages = [
        "requested": ("連携を申請しました。相手の事業所が承認すると送信できるようになります。", "Link requested. Once the office accepts, you can send to it."),
        "linked": ("相手の事業所からも申請があったため、連携しました。", "The office had asked you too, so you are linked now."),
        "accepted": ("承認しました。この事業所と送受信できます。", "Accepted. You can exchange units with this office."),
        "declined": ("辞退しました。", "Declined."),
        "favourite": ("お気に入りにしました。", "Added to favourites."),
        "unfavourite": ("お気に入りから外しました。", "Removed from favourites."),
        "removed": ("解除しました。", "Unlinked."),
        "paperAdded": ("ネットワーク外の連携先を登録しました。「帳票を作る」から利用票を紙で届けられます。", "Paper partner added. “Make the forms” prepares the use plan on paper."),
        "paperRemoved": ("ネットワーク外の連携先を削除しました。", "Paper partner removed."),
        "regionJoined": ("モデル地域に参加しました。同じ地域の事業所が下に表示されます。", "You joined the region. Its other offices are listed below."),
        "regionDeclined": ("モデル地域への招待を辞退しました。", "Invitation declined."),
        "regionLeft": ("モデル地域から抜けました。連携先はそのまま残ります。", "You left the region. Your partners stay linked."),
        "proposalAccepted": ("提案を承認しました。相手の事業所が承認すると連携します。", "Accepted. You are linked once the other office accepts too."),
        "proposalLinked": ("提案を承認し、連携しました。", "Accepted: you are linked now."),
        "proposalDeclined": ("提案を辞退しました。", "Proposal declined."),
    ]

    /// The office and actor of a change: the `send` scope, as for every partner operation, unless another is named.
    private static func office(_ context: HubRequestContext, scope: Scope = .send) throws -> (Office, String) {
        let identity = try context.requireIdentity()
        return (try identity.requireOffice(for: scope), "account:\(identity.account.id)")
    }

    @Sendable func page(request: Request, context: HubRequestContext) async throws -> Response {
        let office = try context.requireIdentity().requireOffice(for: .send)
        let query = request.uri.queryParameters
        var search: OfficeSearch?
        var found: [Office] = []
        var truncated = false
        if query.get("q") != nil || query.get("municipality") != nil || query.get("serviceType") != nil {
            let asked = OfficeSearch(
                text: query.get("q"), municipalityCode: query.get("municipality"),
                serviceType: query.get("serviceType").flatMap { $0.isEmpty ? nil : $0 })
            (found, truncated) = try await self.book.search(asked, limit: 50)
            search = asked
        }
        var model = PartnersPageModel(
            office: office, links: try await self.book.partners(of: office), addressing: self.hub.configuration.partners.addressing,
            message: query.get("done").flatMap { Self.messages[$0] }.map { PageText.pick($0.0, $0.1) }, search: search, found: found, truncated: truncated,
            paper: try await self.hub.store.paperPartners(officeID: office.id))
        let regions = RegionBook(hub: self.hub)
        model.regions = PartnersRegionSection(
            office: office, invitations: try await regions.invitations(of: office), proposals: try await regions.proposals(of: office),
            suggestions: try await regions.suggestedPartners(of: office), links: try await self.book.partners(of: office))
        model.office = await self.hub.officeHeader(office)
        return self.pages.render("partners", model)
    }

    @Sendable func confirmRemoval(request: Request, context: HubRequestContext) async throws -> Response {
        let office = try context.requireIdentity().requireOffice(for: .send)
        let partner = try await self.book.office(try context.parameters.require("office"))
        let link = try await self.book.link(of: office, with: partner)
        let standing = PartnerStanding(link.partnership, seenBy: office.id)
        let linked = standing == .linked
        let model = ConfirmPageModel(
            office: OfficeHeader(office), title: linked ? PageText.pick("連携を解除する", "Unlink") : PageText.pick("一覧から消す", "Remove from the list"),
            question: linked
                ? PageText.pick("この事業所との連携を解除します。", "This ends the link with the office.")
                : PageText.pick("この申請を取り下げ、一覧から消します。", "This withdraws the request and removes it from the list."),
            lines: [
                .init(label: PageText.pick("事業所", "Office"), value: OfficeLabel.text(partner)), .init(label: PageText.pick("状態", "State"), value: standing.pageLabel),
            ],
            consequence: linked
                ? PageText.pick(
                    "解除すると、どちらの事業所からも新しい送信単位を送れなくなります（届いている送信単位はそのまま残ります）。もう一度連携するには申請と承認が必要です。",
                    "Neither office can send new units to the other then (units that arrived stay). Linking again takes a new request and its acceptance.")
                : PageText.pick("相手の一覧からも消えます。", "It leaves the other office's list too."),
            action: "/web/partners/\(partner.officeID)/remove", back: "/web/partners", button: linked ? PageText.pick("解除する", "Unlink") : PageText.pick("消す", "Remove"))
        return self.pages.render("confirm", model)
    }

    /// Runs one operation on the office named in the path and returns to the page with what happened.
    private func change(
        _ context: HubRequestContext, done: String, _ operation: (Office, Office, String) async throws -> String
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let partner = try await self.book.office(try context.parameters.require("office"))
        let outcome = try await operation(partner, office, "account:\(identity.account.id)")
        return Response.redirect(to: "/web/partners?done=\(outcome)", type: .normal)
    }
}
