// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird

/// The web UI for an office without care software: the inbox and outbox, sending a unit, one unit with its files and
/// receipts, downloading files, marking a unit 取込済. The same intake and delivery as the API (``UploadReader``,
/// ``UnitDelivery``), so the same office checks; each page renders a typed view model (`Web/ViewModels/`).
struct OfficeWebController {
    let hub: Hub
    let pages: WebPages

    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("inbox") { request, context in try await self.listing(request, context, inbox: true) }
        protected.get("outbox") { request, context in try await self.listing(request, context, inbox: false) }
        protected.get("send") { _, context in
            self.pages.render("send", SendPageModel(office: try context.requireIdentity().requireOffice(for: .send), error: nil, problems: []))
        }
        protected.post("send", use: self.send)
        protected.get("units/:id", use: self.unit)
        protected.get("units/:id/files/:name") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
            let (file, bytes) = try await self.delivery.download(listed, name: try context.parameters.require("name"), by: identity)
            return FileDownload.response(file, bytes: bytes)
        }
        protected.post("units/:id/ack") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, recipientOnly: true)
            _ = try await self.delivery.acknowledge(listed, by: identity)
            return Response.redirect(to: "/web/units/\(listed.unit.id)?acknowledged=1", type: .normal)
        }
    }

    private func listing(_ request: Request, _ context: HubRequestContext, inbox: Bool) async throws -> Response {
        let office = try context.requireIdentity().requireOffice(for: inbox ? .receive : .send)
        let cursor = request.uri.queryParameters.get("cursor").flatMap(UnitCursor.init(token:))
        let limit = 50
        let units =
            inbox
            ? try await self.hub.store.inbox(officeID: office.id, after: cursor, states: nil, limit: limit + 1)
            : try await self.hub.store.outbox(officeID: office.id, after: cursor, limit: limit + 1)
        let shown = units.prefix(limit)
        let next = units.count > limit ? shown.last?.cursor.token : nil
        return self.pages.render("units", ListingPageModel(office: office, inbox: inbox, units: shown, next: next))
    }

    /// An upload from the browser: the same intake as `POST /api/v1/units`; problems are listed on the page.
    @Sendable func send(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        do {
            let result = try await UploadReader(hub: self.hub).receive(request, office: office, actor: "account:\(identity.account.id)")
            return Response.redirect(to: "/web/units/\(result.listed.unit.id)?\(result.created ? "sent" : "resent")=1", type: .normal)
        } catch let error as ExchangeError where error.reason != .forbidden {
            return self.pages.render("send", SendPageModel(office: office, error: error.message, problems: error.details), status: error.status)
        } catch let error as HubError where error.status != .unauthorized && error.status != .forbidden {
            return self.pages.render("send", SendPageModel(office: office, error: error.message, problems: error.details), status: error.status)
        }
    }

    @Sendable func unit(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let query = request.uri.queryParameters
        let message: String? =
            if query.get("acknowledged") != nil { "取込済にしました。受領証を発行しました。" }
            else if query.get("sent") != nil { "送信しました。ハブの受付受領証を発行しました。" }
            else if query.get("resent") != nil { "同じ送信単位は送信済みです（新たには保存していません）。" }
            else { nil }
        return self.pages.render("unit", UnitPageModel(listed, viewer: office, message: message, publicKey: self.hub.signer.publicKey))
    }
}
