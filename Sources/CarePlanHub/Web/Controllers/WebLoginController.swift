// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird

/// Logging in and out of the web UI: a password login gives a session cookie (SameSite=Strict, HttpOnly), logging out
/// revokes the session's credential.
struct WebLoginController {
    let hub: Hub
    let pages: WebPages
    /// Shown on the login page by `careplan demo` only.
    let demoPassword: String?

    static let cookieName = "careplan_session"

    struct LoginForm: Decodable {
        let loginName: String
        let password: String
    }

    func addRoutes(public group: RouterGroup<HubRequestContext>, protected: RouterGroup<HubRequestContext>) {
        group.get("login") { _, _ in self.loginPage(error: nil, loginName: "") }
        group.post("login", use: self.login)
        protected.post("logout", use: self.logout)
    }

    private var secureCookies: Bool { self.hub.configuration.auth.secureCookies ?? (self.hub.configuration.tls != nil) }

    private func loginPage(error: String?, loginName: String, status: HTTPResponse.Status = .ok) -> Response {
        self.pages.render("login", LoginPageModel(loginName: loginName, error: error, demo: self.demoPassword), status: status)
    }

    /// Where a login of `role` starts: an office's inbox, a local authority's regions, the operator's pages.
    static func landing(for role: Role) -> String {
        switch role {
        case .municipality, .prefecture: "/web/region"
        case .hubOperator: "/web/operator/licences"
        case .admin, .staff: "/web/inbox"
        }
    }

    @Sendable func login(request: Request, context: HubRequestContext) async throws -> Response {
        let text = String(buffer: try await BoundedBody.collect(request, limit: 16 << 10, timeout: BoundedBody.smallBodySeconds))
        guard let form = try? URLEncodedFormDecoder().decode(LoginForm.self, from: text) else {
            return self.loginPage(error: PageText.pick("ログイン名とパスワードを入力してください", "Enter your login name and password"), loginName: "", status: .badRequest)
        }
        let session: PasswordLogin.Session
        do {
            session = try await PasswordLogin(hub: self.hub).login(
                loginName: form.loginName, password: form.password,
                clientAddress: context.clientAddress(request, trustedProxies: self.hub.configuration.auth.trustedProxies), webSession: true)
        } catch let error as LoginError {
            // The name is shown again in the form; an over-long one is not.
            var response = self.loginPage(
                error: PageText.side(error.message), loginName: String(form.loginName.prefix(PasswordLogin.maxLoginNameLength)), status: error.status)
            if let wait = error.waitSeconds { response.headers[.retryAfter] = String(wait) }
            return response
        }
        // A handed-over password is changed before anything else (AuthMiddleware allows nothing else meanwhile).
        let landing = session.account.mustChangePassword ? PasswordWebController.path : Self.landing(for: session.account.role)
        var response = Response.redirect(to: landing, type: .normal)
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: session.secret, maxAge: Int(self.hub.configuration.auth.sessionHours * 3600), path: "/web",
                secure: self.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Ends the session: the credential is revoked, not just the cookie cleared.
    @Sendable func logout(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await self.hub.store.revokeCredential(
            id: identity.credential.id, at: self.hub.now(),
            audit: AuditRecord(actor: "account:\(identity.account.id)", office: identity.office?.officeID.description, action: "logout", subject: identity.account.loginName))
        var response = Response.redirect(to: "/web/login", type: .normal)
        response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/web", secure: self.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
