// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// The hub operator's pages (`/web/operator/…`): 利用期間 of every office. Only the operator account (role `operator`)
/// passes: an office's administrators hold the `manage` scope too, for their own office, and are refused here.
struct OperatorWebController {
    let hub: Hub
    let pages: WebPages

    struct PeriodForm: Decodable {
        let office: String?
        let kind: String?
        let from: String?
        let until: String?
        let note: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("operator/licences") { request, context in
            _ = try Self.requireOperator(context)
            let message = request.uri.queryParameters.get("done").flatMap { Self.messages[$0] }.map { PageText.pick($0.0, $0.1) }
            return try await self.render(message: message)
        }
        protected.post("operator/licences") { request, context in
            let identity = try Self.requireOperator(context)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode(PeriodForm.self, from: text) else {
                return try await self.render(error: "フォームの内容を読めません / the form could not be read", status: .badRequest)
            }
            do {
                guard let kind = form.kind.flatMap(UsagePeriod.Kind.init(rawValue:)) else {
                    throw ExchangeError(.malformed, "licence.kind", "利用区分を選んでください / choose the kind of period")
                }
                let office = try await PartnerBook(hub: self.hub).office(form.office ?? "")
                _ = try await LicenceBook(hub: self.hub).add(
                    kind, from: form.from ?? "", until: form.until ?? "", note: form.note ?? "", for: office, actor: "account:\(identity.account.id)")
            } catch let error as ExchangeError {
                return try await self.render(error: error.message, status: error.status)
            }
            return Response.redirect(to: "/web/operator/licences?done=added", type: .normal)
        }
        protected.post("operator/licences/:id/remove") { _, context in
            let identity = try Self.requireOperator(context)
            try await LicenceBook(hub: self.hub).remove(try context.parameters.require("id", as: Int64.self), actor: "account:\(identity.account.id)")
            return Response.redirect(to: "/web/operator/licences?done=removed", type: .normal)
        }
    }

    private static let messages = [
        "added": ("利用期間を登録しました。", "Usage period added."),
        "removed": ("利用期間を削除しました。", "Usage period removed."),
    ]

    /// The identity, when it is the hub operator's with the `manage` scope.
    static func requireOperator(_ context: HubRequestContext) throws -> HubIdentity {
        let identity = try context.requireIdentity()
        try identity.require(.manage)
        guard identity.account.role == .hubOperator else {
            throw ExchangeError(.forbidden, "auth.notOperator", "ハブの運用者だけが使えます / only the hub operator may use this page")
        }
        return identity
    }

    private func render(message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = LicencesPageModel(
            offices: try await self.hub.store.offices(), periods: try await self.hub.store.usagePeriods(), now: self.hub.now(),
            graceDays: self.hub.configuration.licences.graceDays, message: message, error: error)
        return self.pages.render("licences", model, status: status)
    }
}
