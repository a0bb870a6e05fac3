// CarePlan Link — CarePlanHub
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// 連携先 over the API: the office directory, the office's partners, and the partner operations (ask, accept,
/// decline, remove, favourite). Every route needs an office credential with the `send` scope: whom an office may
/// address is part of sending. The rules are ``PartnerBook``'s.
struct PartnerController {
    let hub: Hub

    private var book: PartnerBook { PartnerBook(hub: self.hub) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("offices", use: self.directory)
        group.get("partners", use: self.list)
        group.post("partners", use: self.request)
        group.post("partners/:office/accept") { request, context in try await self.answer(context, accept: true) }
        group.post("partners/:office/decline") { request, context in try await self.answer(context, accept: false) }
        group.post("partners/:office/favourite", use: self.favourite)
        group.delete("partners/:office", use: self.remove)
    }

    /// `GET /api/v1/offices?q=&municipality=&serviceType=&limit=`
    @Sendable func directory(request: Request, context: HubRequestContext) async throws -> OfficeList {
        let office = try context.requireIdentity().requireOffice(for: .send)
        let query = request.uri.queryParameters
        var limit = 50
        if let text = query.get("limit") {
            guard let value = Int(text), (1...PartnerBook.maxResults).contains(value) else {
                throw HubError.badRequest(
                    "query.limit", "limit は1〜\(PartnerBook.maxResults)の整数です / limit must be a whole number from 1 to \(PartnerBook.maxResults)")
            }
            limit = value
        }
        let search = OfficeSearch(text: query.get("q"), municipalityCode: query.get("municipality"), serviceType: query.get("serviceType"))
        let (offices, truncated) = try await self.book.search(search, limit: limit)
        let standings = try await self.book.standings(of: office, with: offices)
        return OfficeList(offices: offices.map { OfficeView($0, standing: standings[$0.id]) }, truncated: truncated)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> PartnerList {
        let office = try context.requireIdentity().requireOffice(for: .send)
        return PartnerList(
            addressing: self.hub.configuration.partners.addressing.rawValue,
            partners: try await self.book.partners(of: office).map { PartnerView($0, seenBy: office.id) })
    }

    /// `POST /api/v1/partners` `{"office": "1310100021_11"}`: 201 with the new request (or the link, when the other
    /// office had asked already), 200 when nothing changed.
    @Sendable func request(request: Request, context: HubRequestContext) async throws -> EditedResponse<PartnerView> {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let body = try await BoundedBody.collect(request, limit: 4096, timeout: BoundedBody.smallBodySeconds)
        guard let asked = try? JSONDecoder().decode(PartnerRequest.self, from: Data(body.readableBytesView)),
            let reference = asked.office ?? asked.id.map(String.init)
        else {
            throw HubError.badRequest("partner.malformed", "本文は {\"office\": \"事業所番号_種類\"} か {\"id\": 番号} のJSONです / the body must be {\"office\": \"NNNNNNNNNN_TT\"} or {\"id\": N}")
        }
        let partner = try await self.book.office(reference)
        let (_, changed) = try await self.book.request(partner, by: office, actor: "account:\(identity.account.id)")
        return EditedResponse(status: changed ? .created : .ok, response: try await self.view(of: partner, for: office))
    }

    private func answer(_ context: HubRequestContext, accept: Bool) async throws -> PartnerView {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let requester = try await self.book.office(try context.parameters.require("office"))
        _ = try await self.book.answer(requester, by: office, accept: accept, actor: "account:\(identity.account.id)")
        return try await self.view(of: requester, for: office)
    }

    /// `POST /api/v1/partners/{office}/favourite` `{"favourite": true}`
    @Sendable func favourite(request: Request, context: HubRequestContext) async throws -> PartnerView {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let partner = try await self.book.office(try context.parameters.require("office"))
        let body = try await BoundedBody.collect(request, limit: 4096, timeout: BoundedBody.smallBodySeconds)
        guard let asked = try? JSONDecoder().decode(FavouriteRequest.self, from: Data(body.readableBytesView)) else {
            throw HubError.badRequest("favourite.malformed", "本文は {\"favourite\": true | false} のJSONです / the body must be {\"favourite\": true | false}")
        }
        _ = try await self.book.setFavourite(partner, by: office, favourite: asked.favourite, actor: "account:\(identity.account.id)")
        return try await self.view(of: partner, for: office)
    }

    /// `DELETE /api/v1/partners/{office}`: ends a link, withdraws a request or clears a declined one. 204.
    @Sendable func remove(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let partner = try await self.book.office(try context.parameters.require("office"))
        try await self.book.remove(partner, by: office, actor: "account:\(identity.account.id)")
        return .noContent
    }

    private func view(of partner: Office, for office: Office) async throws -> PartnerView {
        PartnerView(try await self.book.link(of: office, with: partner), seenBy: office.id)
    }
}
