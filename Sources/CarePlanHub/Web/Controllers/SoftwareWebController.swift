// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird

/// ソフト連携 (`/web/settings/software`): the office's tokens and certificates; its administrators issue and revoke
/// tokens. A new token's secret is on the issuing answer only (not cached, not stored).
struct SoftwareWebController {
    let hub: Hub
    let pages: WebPages

    struct TokenForm: Decodable {
        let label: String?
        let days: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("settings/software") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice()
            let message = request.uri.queryParameters.get("done") == "revoked" ? PageText.pick("失効させました。", "Revoked.") : nil
            return try await self.render(office, identity: identity, message: message)
        }
        protected.post("settings/software") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice(for: .manage)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            let form = try? URLEncodedFormDecoder().decode(TokenForm.self, from: text)
            do {
                let secret = try await SoftwareAccess(hub: self.hub).issueToken(
                    label: form?.label ?? "", days: form?.days.flatMap { Int($0) } ?? 0, by: identity)
                var response = try await self.render(
                    office, identity: identity, secret: secret, message: PageText.pick("トークンを発行しました。", "Token issued."))
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as ExchangeError {
                return try await self.render(office, identity: identity, error: error.message, status: error.status)
            }
        }
        protected.post("settings/software/:id/revoke") { _, context in
            let identity = try context.requireIdentity()
            _ = try identity.requireOffice(for: .manage)
            try await SoftwareAccess(hub: self.hub).revoke(try context.parameters.require("id", as: Int64.self), by: identity)
            return Response.redirect(to: "/web/settings/software?done=revoked", type: .normal)
        }
    }

    private func render(
        _ office: Office, identity: HubIdentity, secret: String? = nil, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var model = SoftwarePageModel(
            office: office, entries: try await SoftwareAccess(hub: self.hub).entries(for: office), canManage: identity.credential.scopes.contains(.manage),
            secret: secret, message: message, error: error)
        model.office = await self.hub.officeHeader(office)
        return self.pages.render("software", model, status: status)
    }
}
