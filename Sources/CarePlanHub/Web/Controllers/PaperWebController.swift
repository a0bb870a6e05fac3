// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanForms
import CarePlanHubStore
import Foundation
import Hummingbird

/// ネットワーク外の連携先 in the browser: recorded on the 連携先 page, a month's forms made for one of them (HTML or PDF,
/// with a 送付状), and the delivery recorded (FAX送信済, 郵送済, 手渡し). Every route needs the `send` scope; an office
/// sees only the paper partners it recorded.
struct PaperWebController {
    let hub: Hub
    let pages: WebPages

    private var book: PaperBook { PaperBook(hub: self.hub) }

    struct PartnerForm: Decodable {
        let office: String
        let name: String
        let fax: String?
        let address: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.post("partners/paper") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice(for: .send)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 16 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode(PartnerForm.self, from: text), let id = OfficeID(parsing: form.office.trimmingCharacters(in: .whitespaces)) else {
                throw ExchangeError(.malformed, "paper.malformed", "事業所番号_サービス種類（例 1310100999_13）と事業所名を入力してください / give the office as NNNNNNNNNN_TT and its name")
            }
            _ = try await self.book.add(
                id, name: form.name, fax: form.fax ?? "", address: form.address ?? "", for: office, actor: "account:\(identity.account.id)")
            return Response.redirect(to: "/web/partners?done=paperAdded", type: .normal)
        }
        protected.post("partners/paper/:id/remove") { _, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice(for: .send)
            guard let id = Int64(try context.parameters.require("id")) else { throw PaperBook.notFound }
            try await self.book.remove(id, of: office, actor: "account:\(identity.account.id)")
            return Response.redirect(to: "/web/partners?done=paperRemoved", type: .normal)
        }
        protected.get("paper") { request, context in
            let office = try context.requireIdentity().requireOffice(for: .send)
            let partners = try await self.hub.store.paperPartners(officeID: office.id)
            return self.pages.render("paper", PaperPageModel(office: office, partners: partners, selected: request.uri.queryParameters.get("partner").flatMap { Int64($0) }))
        }
        protected.post("paper", use: self.paper)
    }

    /// The upload (then the preview), or one of the preview's actions: `html`, `pdf`, `fax`, `mail`, `hand`.
    @Sendable func paper(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let actor = "account:\(identity.account.id)"
        let form = try await self.hub.uploads.withSlot(for: office.id) { try await UploadReader(hub: self.hub).read(request, office: office, actor: actor, batch: true) }
        let partners = try await self.hub.store.paperPartners(officeID: office.id)
        guard let id = form.values("partner").first.flatMap({ Int64($0) }), let partner = partners.first(where: { $0.id == id }) else {
            throw PaperBook.notFound
        }
        let action = form.values("action").first
        let uploads = action == nil ? form.files : try form.values("encoded").map(OfficeWebController.decodeConfirmed)
        let set: PaperBook.PaperSet
        do {
            set = try self.book.set(of: uploads, for: partner, from: office)
        } catch let error as ExchangeError where action == nil {
            return self.pages.render("paper", PaperPageModel(office: office, partners: partners, selected: id, error: error.message), status: error.status)
        }
        switch action {
        case nil:
            return self.pages.render("paper", PaperPageModel(office: office, partners: partners, selected: id, ready: (partner, set)))
        case "html":
            return UnitFormsController.html(self.book.html(set, for: partner, from: office))
        case "pdf":
            if let reason = self.hub.pdfPrinter.unavailableReason { throw ExchangeError(.unavailable, "pdf.unavailable", reason) }
            let pdf = try await self.hub.printing.withSlot(for: office.id) { try await self.hub.pdfPrinter.pdf(html: self.book.html(set, for: partner, from: office)) }
            return UnitFormsController.pdfResponse(pdf, name: "paper-\(partner.number)_\(partner.serviceType)-\(set.month).pdf")
        case let method?:
            guard let method = PaperDelivery.Method(rawValue: method) else {
                throw HubError.badRequest("paper.method", "送付方法は fax, mail, hand のいずれかです / method must be fax, mail or hand")
            }
            _ = try await self.book.record(set, to: partner, method: method, by: office, login: identity.account.loginName, actor: actor)
            return Response.redirect(to: "/web/month?month=\(set.month)", type: .normal)
        }
    }
}
