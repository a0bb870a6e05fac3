// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// 地域の状況 (`/web/region`): a local authority's regions and the dashboard of one, the subsidy CSV, and the
/// municipality's forms (create a region, invite and remove offices, propose links, edit the estimate). Every route
/// needs a local authority's session (the `region` scope); the rules are ``RegionBook``'s. No route shows a file or a
/// user.
struct RegionWebController {
    let hub: Hub
    let pages: WebPages

    private var book: RegionBook { RegionBook(hub: self.hub) }

    struct NameForm: Decodable { let name: String? }
    struct ListForm: Decodable { let list: String? }
    struct ProposalForm: Decodable {
        let first: String?
        let second: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("region", use: self.page)
        protected.get("region/subsidy.csv", use: self.subsidyCSV)
        protected.post("region/new") { request, context in
            let viewer = try await self.book.viewer(try context.requireIdentity())
            let form: NameForm = try await Self.form(request)
            do {
                let region = try await self.book.create(named: form.name ?? "", by: viewer)
                return Response.redirect(to: "/web/region?region=\(region.id)&done=created", type: .normal)
            } catch let error as ExchangeError where error.reason != .forbidden {
                return try await self.render(viewer, request: request, regionID: nil, error: error.message, status: error.status)
            }
        }
        protected.post("region/:region/invite") { request, context in
            let viewer = try await self.book.viewer(try context.requireIdentity())
            let region = try await self.book.managedRegion(context.parameters.get("region", as: Int64.self), for: viewer)
            let form: ListForm = try await Self.form(request, limit: 256 << 10)
            let result: RegionBook.Invitation
            do {
                result = try await self.book.invite(form.list ?? "", to: region, by: viewer)
            } catch let error as ExchangeError {
                return try await self.render(viewer, request: request, regionID: region.id, error: error.message, status: error.status)
            }
            return try await self.render(viewer, request: request, regionID: region.id, message: Self.describe(result))
        }
        protected.post("region/:region/remove/:office") { request, context in
            let viewer = try await self.book.viewer(try context.requireIdentity())
            let region = try await self.book.managedRegion(context.parameters.get("region", as: Int64.self), for: viewer)
            let office = try await PartnerBook(hub: self.hub).office(try context.parameters.require("office"))
            try await self.book.remove(office, from: region, by: viewer)
            return Response.redirect(to: "/web/region?region=\(region.id)&done=removed", type: .normal)
        }
        protected.post("region/:region/propose") { request, context in
            let viewer = try await self.book.viewer(try context.requireIdentity())
            let region = try await self.book.managedRegion(context.parameters.get("region", as: Int64.self), for: viewer)
            let form: ProposalForm = try await Self.form(request)
            do {
                let partners = PartnerBook(hub: self.hub)
                let first = try await partners.office(form.first ?? "")
                let second = try await partners.office(form.second ?? "")
                guard first.id != second.id else {
                    throw ExchangeError(.malformed, "region.sameOffice", "異なる2つの事業所を選んでください / choose two different offices")
                }
                let (_, created) = try await self.book.propose(first, second, in: region, by: viewer)
                return Response.redirect(to: "/web/region?region=\(region.id)&done=\(created ? "proposed" : "proposedAlready")", type: .normal)
            } catch let error as ExchangeError {
                return try await self.render(viewer, request: request, regionID: region.id, error: error.message, status: error.status)
            }
        }
        protected.post("region/:region/estimate") { request, context in
            let viewer = try await self.book.viewer(try context.requireIdentity())
            let region = try await self.book.managedRegion(context.parameters.get("region", as: Int64.self), for: viewer)
            let form: [String: String] = try await Self.form(request)
            guard let parameters = SavingsEstimate.Parameters(form: form) else {
                return try await self.render(
                    viewer, request: request, regionID: region.id,
                    error: "試算の前提には数を入力してください / enter a number in every field of the estimate", status: .badRequest)
            }
            if let problem = parameters.problem {
                return try await self.render(viewer, request: request, regionID: region.id, error: problem, status: .badRequest)
            }
            try await self.book.setEstimate(parameters, of: region, by: viewer)
            return Response.redirect(to: "/web/region?region=\(region.id)&done=estimate", type: .normal)
        }
    }

    /// What the page says after a redirect, by the `done` query value.
    private static let messages = [
        "created": ("モデル地域を作りました。事業所を招待してください。", "Region created. Invite its offices next."),
        "removed": ("事業所を地域から外しました。連携先はそのまま残ります。", "The office left the region. Its partners stay linked."),
        "proposed": ("連携を提案しました。両方の事業所が承認すると連携します。", "Link proposed. The offices are linked once both accept."),
        "proposedAlready": ("同じ提案が回答待ちです。", "The same proposal is waiting for its answers."),
        "estimate": ("試算の前提を保存しました。", "The estimate's parameters are saved."),
    ]

    @Sendable func page(request: Request, context: HubRequestContext) async throws -> Response {
        let viewer = try await self.book.viewer(try context.requireIdentity())
        let query = request.uri.queryParameters
        let message = query.get("done").flatMap { Self.messages[$0] }.map { PageText.pick($0.0, $0.1) }
        return try await self.render(viewer, request: request, regionID: query.get("region", as: Int64.self), message: message)
    }

    /// `/web/region/subsidy.csv?region=ID&fy=YYYY`: the subsidy list with its evidence (``SubsidyList/csv(region:fiscalYear:)``).
    @Sendable func subsidyCSV(request: Request, context: HubRequestContext) async throws -> Response {
        let viewer = try await self.book.viewer(try context.requireIdentity())
        let query = request.uri.queryParameters
        let region = try await self.book.region(query.get("region", as: Int64.self), for: viewer)
        let year = try self.fiscalYear(query.get("fy"))
        let dashboard = try await RegionDashboard.load(hub: self.hub, region: region, fiscalYear: year)
        let csv = dashboard.subsidy.csv(region: region, fiscalYear: year)
        let name = "subsidy-\(region.id)-\(year.year).csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// The fiscal year the query names (`fy=2026`), or the current one; a year that is not a number, or outside
    /// 2000…9999, is a 400.
    private func fiscalYear(_ value: String?) throws -> FiscalYear {
        guard let value, !value.isEmpty else { return FiscalYear(containing: self.hub.now()) }
        guard let year = Int(value), (2000...9999).contains(year) else {
            throw ExchangeError(.malformed, "region.fiscalYear", "年度は西暦4桁で指定してください（例 2026） / give the fiscal year as four digits")
        }
        return FiscalYear(year)
    }

    private func render(
        _ viewer: RegionViewer, request: Request, regionID: Int64?, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let query = request.uri.queryParameters
        let regions = try await self.book.regions(for: viewer)
        var inputs = RegionPageModel.Inputs(viewer: viewer, regions: regions, now: self.hub.now(), message: message, error: error)
        let year = try self.fiscalYear(query.get("fy"))
        // A prefecture starts from its overview; a municipality from its first region.
        let chosen: Int64? = regionID ?? (viewer.authority.kind == .municipality ? regions.first?.id : nil)
        if viewer.authority.kind == .prefecture {
            let authorities = try await self.hub.store.authorities()
            inputs.authorities = Dictionary(uniqueKeysWithValues: authorities.map { ($0.id, $0) })
            for region in regions { inputs.overview[region.id] = try await RegionDashboard.load(hub: self.hub, region: region, fiscalYear: year) }
        }
        if let chosen {
            let region = try await self.book.region(chosen, for: viewer)
            if let loaded = inputs.overview[region.id] {
                inputs.dashboard = loaded
            } else {
                inputs.dashboard = try await RegionDashboard.load(hub: self.hub, region: region, fiscalYear: year)
            }
            inputs.members = try await self.hub.store.regionMembers(regionID: region.id)
            inputs.proposals = try await self.hub.store.linkProposals(regionID: region.id)
            let memberIDs = Set(inputs.members.map(\.office.id))
            for id in Set(inputs.proposals.flatMap { [$0.firstOfficeID, $0.secondOfficeID] }).subtracting(memberIDs) {
                inputs.proposalOffices[id] = try await self.hub.store.office(id: id)
            }
            inputs.estimate = SavingsEstimate.parameters(stored: region.estimate)
            inputs.studies = try await self.hub.store.timeStudies(officeIDs: inputs.members.map(\.office.id)).compactMapValues(TimeStudy.decode)
            if viewer.manages(region), let text = query.get("q") {
                inputs.query = text
                inputs.found = try await PartnerBook(hub: self.hub).search(OfficeSearch(text: text), limit: 50).offices
            }
        }
        return self.pages.render("region", RegionPageModel(inputs), status: status)
    }

    private static func form<Form: Decodable>(_ request: Request, limit: Int = 4 << 10) async throws -> Form {
        let text = String(buffer: try await BoundedBody.collect(request, limit: limit, timeout: BoundedBody.smallBodySeconds))
        guard let form = try? URLEncodedFormDecoder().decode(Form.self, from: text) else {
            throw ExchangeError(.malformed, "region.form", "フォームの内容を読めません。もう一度入力してください / the form could not be read")
        }
        return form
    }

    private static func describe(_ result: RegionBook.Invitation) -> String {
        var parts = [PageText.pick("\(result.invited)事業所を招待しました。", "Invited \(result.invited) office\(result.invited == 1 ? "" : "s").")]
        if result.unchanged > 0 {
            parts.append(PageText.pick("\(result.unchanged)事業所は招待済か参加済です。", "\(result.unchanged) were invited or joined already."))
        }
        if !result.unknown.isEmpty {
            let list = result.unknown.prefix(20).joined(separator: PageText.pick("、", ", "))
            parts.append(
                PageText.pick(
                    "ハブに未登録の事業所番号: \(list)（利用申請のあと招待できます）。", "Not registered at the hub: \(list) (invite them once they have applied)."))
        }
        if !result.unreadable.isEmpty {
            let lines = result.unreadable.prefix(20).map(String.init).joined(separator: ", ")
            parts.append(PageText.pick("事業所番号（10桁）が読めない行: \(lines)。", "Lines without a 10-digit office number: \(lines)."))
        }
        return parts.joined(separator: " ")
    }
}
