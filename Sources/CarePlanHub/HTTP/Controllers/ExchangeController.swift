// CarePlan Link — CarePlanHub
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The exchange API: upload a send unit, list inbox and outbox, download files, report the import (取込済 / 取込不可),
/// withdraw or re-send a unit, fetch receipts. The
/// handlers read the request and write the answer; what is allowed and what happens is ``UnitIntake`` and
/// ``UnitDelivery`` (an office sees only units it sent or that are addressed to it).
struct ExchangeController {
    let hub: Hub

    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("units", use: self.upload)
        group.post("batches", use: self.batch)
        group.get("inbox", use: self.inbox)
        group.get("outbox", use: self.outbox)
        group.get("units/:id", use: self.show)
        group.get("units/:id/files/:name", use: self.download)
        group.post("units/:id/import", use: self.reportImport)
        group.post("units/:id/withdraw", use: self.withdraw)
        group.post("units/:id/resend", use: self.resend)
        group.get("units/:id/receipts", use: self.receipts)
    }

    @Sendable func upload(request: Request, context: HubRequestContext) async throws -> EditedResponse<UploadResult> {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let result = try await UploadReader(hub: self.hub).receive(
            request, office: office, actor: "account:\(identity.account.id)", account: identity.account.loginName)
        return EditedResponse(
            status: result.created ? .created : .ok,
            response: UploadResult(unit: UnitView(result.listed, hub: self.hub, viewerIsSender: true), receipt: result.receipt, created: result.created))
    }

    /// `POST /api/v1/batches[?dryRun=true]`: many units in one multipart body (a month's export), each checked and
    /// stored on its own (``BatchIntake``).
    @Sendable func batch(request: Request, context: HubRequestContext) async throws -> BatchResult {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let actor = "account:\(identity.account.id)"
        let dryRun: Bool
        switch request.uri.queryParameters.get("dryRun") {
        case nil, "false", "0": dryRun = false
        case "true", "1": dryRun = true
        default: throw HubError.badRequest("query.dryRun", "dryRun は true か false です / dryRun must be true or false")
        }
        return try await self.hub.uploads.withSlot(for: office.id) {
            let form = try await UploadReader(hub: self.hub).read(request, office: office, actor: actor, batch: true)
            let intake = BatchIntake(hub: self.hub)
            let items =
                dryRun
                ? try await intake.preview(form.files, from: office, actor: actor)
                : try await intake.send(form.files, from: office, actor: actor, account: identity.account.loginName)
            return BatchResult(dryRun: dryRun, units: items)
        }
    }

    // MARK: - Listings

    /// Filters: `month`, `partner`, `state`, `kind`, `user` (``ListingQuery``).
    @Sendable func inbox(request: Request, context: HubRequestContext) async throws -> UnitPage {
        let office = try context.requireIdentity().requireOffice(for: .receive)
        let (cursor, limit) = try Self.paging(request)
        let query = try await ListingQuery(request.uri.queryParameters, hub: self.hub)
        let units = try await self.hub.store.inbox(officeID: office.id, after: cursor, filter: query.filter, limit: limit + 1, order: .oldestFirst)
        return self.page(units, limit: limit, sender: false)
    }

    @Sendable func outbox(request: Request, context: HubRequestContext) async throws -> UnitPage {
        let office = try context.requireIdentity().requireOffice(for: .send)
        let (cursor, limit) = try Self.paging(request)
        let query = try await ListingQuery(request.uri.queryParameters, hub: self.hub)
        let units = try await self.hub.store.outbox(officeID: office.id, after: cursor, filter: query.filter, limit: limit + 1, order: .oldestFirst)
        return self.page(units, limit: limit, sender: true)
    }

    private static func paging(_ request: Request) throws -> (UnitCursor?, Int) {
        var cursor: UnitCursor?
        if let token = request.uri.queryParameters.get("cursor") {
            guard let parsed = UnitCursor(token: token) else { throw HubError.badRequest("query.cursor", "cursor が不正です / invalid cursor") }
            cursor = parsed
        }
        var limit = 100
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw HubError.badRequest("query.limit", "limit は1〜1000の整数です / limit must be a whole number from 1 to 1000")
            }
            limit = value
        }
        return (cursor, limit)
    }

    /// `units` was read with `limit + 1`: one more than shown tells that there is a next page.
    private func page(_ units: [ListedUnit], limit: Int, sender: Bool) -> UnitPage {
        let shown = units.prefix(limit)
        let next = units.count > limit ? shown.last?.cursor.token : nil
        return UnitPage(units: shown.map { UnitView($0, hub: self.hub, viewerIsSender: sender) }, nextCursor: next)
    }

    // MARK: - One unit

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> UnitView {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        return UnitView(listed, hub: self.hub, viewerIsSender: listed.unit.senderOfficeID == identity.office?.id)
    }

    /// `Range: bytes=N-` (what a client sends to resume a cut transfer) answers 206 with the rest of the file.
    @Sendable func download(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let (file, bytes) = try await self.delivery.download(listed, name: try context.parameters.require("name"), by: identity)
        return FileDownload.response(file, bytes: bytes, range: request.headers[.range])
    }

    /// The recipient's import result: `{"outcome": "imported"}` or `{"outcome": "refused", "problems": [...]}`. Answers
    /// the receipt exactly as the hub stored and signed it (clients keep these bytes).
    @Sendable func reportImport(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, recipientOnly: true)
        let body = try await BoundedBody.collect(request, limit: 1 << 20, timeout: self.hub.configuration.limits.bodyTimeoutSeconds)
        let report: ImportReportRequest
        do {
            report = try JSONDecoder().decode(ImportReportRequest.self, from: Data(body.readableBytesView))
        } catch {
            throw HubError.badRequest(
                "report.malformed", "取込結果は {\"outcome\": \"imported\" | \"refused\", \"problems\": [...]} のJSONです / the body must be an import report (JSON)")
        }
        return Self.receipt(try await self.delivery.reportImport(listed, report, by: identity))
    }

    /// The sender withdraws a unit its recipient has not downloaded from; answers the signed withdrawal receipt.
    @Sendable func withdraw(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, senderOnly: true)
        return Self.receipt(try await self.delivery.withdraw(listed, by: identity))
    }

    /// The sender sends an expired or withdrawn unit's files again, as a new unit; answers like an upload.
    @Sendable func resend(request: Request, context: HubRequestContext) async throws -> EditedResponse<UploadResult> {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, senderOnly: true)
        let result = try await self.hub.uploads.withSlot(for: listed.sender.id) { try await self.delivery.resend(listed, by: identity) }
        return EditedResponse(
            status: result.created ? .created : .ok,
            response: UploadResult(unit: UnitView(result.listed, hub: self.hub, viewerIsSender: true), receipt: result.receipt, created: result.created))
    }

    private static func receipt(_ json: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    @Sendable func receipts(request: Request, context: HubRequestContext) async throws -> [SignedReceipt] {
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: try context.requireIdentity())
        return try await self.delivery.receipts(listed.unit)
    }
}
