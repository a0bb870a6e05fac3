// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird

/// パスワードの変更 (`/web/settings/password`) for every kind of account with a password login.
struct PasswordWebController {
    let hub: Hub
    let pages: WebPages

    /// The one page (with logout) a session of an account with a handed-over password may reach.
    static let path = "/web/settings/password"

    struct PasswordForm: Decodable {
        let current: String?
        let new: String?
        let confirmation: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("settings/password") { request, context in
            let identity = try context.requireIdentity()
            let message = request.uri.queryParameters.get("done") == "passwordChanged" ? PageText.pick("パスワードを変更しました。", "Your password was changed.") : nil
            return try await self.render(identity, message: message)
        }
        protected.post("settings/password") { request, context in
            let identity = try context.requireIdentity()
            let text = String(buffer: try await BoundedBody.collect(request, limit: 8 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode(PasswordForm.self, from: text) else {
                return try await self.render(identity, error: "フォームの内容を読めません / the form could not be read", status: .badRequest)
            }
            do {
                try await PasswordChange(hub: self.hub).change(
                    for: identity, current: form.current ?? "", new: form.new ?? "", confirmation: form.confirmation ?? "",
                    clientAddress: context.clientAddress(request, trustedProxies: self.hub.configuration.auth.trustedProxies))
            } catch let error as ExchangeError {
                return try await self.render(identity, error: error.message, status: error.status)
            }
            // The first change leads on to where the account's work starts.
            let next = identity.account.mustChangePassword ? WebLoginController.landing(for: identity.account.role) : Self.path
            return Response.redirect(to: next + "?done=passwordChanged", type: .normal)
        }
    }

    private func render(_ identity: HubIdentity, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        // Read again: the session's copy was read before a change on this request's predecessor.
        let account = try await self.hub.store.account(id: identity.account.id) ?? identity.account
        let model = PasswordPageModel(
            header: await self.hub.accountPageHeader(identity), mustChange: account.mustChangePassword, message: message, error: error)
        return self.pages.render("password", model, status: status)
    }
}
