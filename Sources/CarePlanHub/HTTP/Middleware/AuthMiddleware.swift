// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOSSL

/// Authenticates a request by `Authorization: Bearer <token>` (API token or login session) or, without that header, by
/// the client certificate presented in the TLS handshake (issued by the hub's CA), then applies the per-office rate
/// limit. Every failure is the same 401, so that callers learn nothing about which tokens or certificates exist.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let hub: Hub
    /// The web UI authenticates by its session cookie (and only by it); the API never reads cookies, so a browser
    /// session cannot be used to call the API from another page.
    var sessionCookie: String? = nil

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let now = self.hub.now()
        let lookupKey: String
        // Each way in accepts only its own kind of credential.
        let kinds: Set<Credential.Kind>
        if let cookieName = self.sessionCookie {
            guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { throw HubError.unauthorized }
            lookupKey = Secrets.hash(value)
            kinds = [.webSession]
        } else if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { throw HubError.unauthorized }
            lookupKey = Secrets.hash(String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
            kinds = [.apiToken, .session]
        } else if let fingerprint = await Self.clientCertificateFingerprint(context) {
            // A browser holding an office certificate presents it on its own, like a cookie: a request that a web page
            // made (it names its origin) must not ride on it. Care software sends neither header.
            if request.headers[.origin] != nil || request.headers[HTTPField.Name("Sec-Fetch-Site")!].map({ $0 != "none" }) == true {
                throw HubError.forbidden("auth.crossSite", "証明書による認証はブラウザのページからは使えません / certificate login is not accepted from web pages")
            }
            lookupKey = fingerprint
            kinds = [.certificate]
        } else {
            throw HubError.unauthorized
        }
        guard let (credential, account, office) = try await self.hub.store.identity(secretHash: lookupKey), credential.revokedAt == nil,
            kinds.contains(credential.kind), credential.expiresAt > now
        else {
            throw HubError(
                status: .unauthorized, code: "auth.invalid",
                message: "トークンまたは証明書が無効・失効・期限切れです / the token or certificate is invalid, revoked or expired")
        }
        let bucket = office.map { "office:\($0.id)" } ?? "account:\(account.id)"
        if let wait = try await self.hub.rateLimiter.take(bucket, now: now) {
            var error = HubError(
                status: .tooManyRequests, code: "rate.limited",
                message: "リクエストが多すぎます。\(Int(wait.rounded(.up)))秒後に再試行してください / too many requests; retry in \(Int(wait.rounded(.up))) s")
            error.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw error
        }
        // A password someone else handed over (an approval, an operator's reset) is changed first: until then a login
        // reaches the password page and logout only, so whoever handed it over cannot use the account meanwhile.
        if account.mustChangePassword, [.webSession, .session].contains(credential.kind) {
            let path = request.uri.path
            let allowed = credential.kind == .webSession && (path == PasswordWebController.path || path == "/web/logout")
            if !allowed {
                if credential.kind == .webSession, request.method == .get { return .redirect(to: PasswordWebController.path, type: .normal) }
                throw HubError.forbidden(
                    "password.mustChange", "初期パスワードを変更するまで、ほかの操作はできません / change the handed-over password before anything else")
            }
        }
        var context = context
        context.identity = HubIdentity(account: account, office: office, credential: credential)
        return try await next(request, context)
    }

    /// The SHA-256 of the peer's certificate, when the connection is TLS and the client presented one. The handshake has
    /// already checked it (``ClientCertificateCheck``: the hub's CA, validity, clientAuth); revocation and expiry are checked against the store.
    static func clientCertificateFingerprint(_ context: Context) async -> String? {
        guard let channel = context.channel,
            let certificate = try? await channel.nioSSL_peerCertificate().get(),
            let der = try? certificate.toDERBytes()
        else { return nil }
        return CertificateAuthority.fingerprint(der: der)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
