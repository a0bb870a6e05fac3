// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdBcrypt

/// `POST /api/v1/login`: a password (``PasswordLogin``) gives a bearer session token that expires after `auth.sessionHours`.
struct AuthController {
    let hub: Hub

    struct LoginRequest: Decodable {
        let loginName: String
        let password: String
    }

    struct LoginResponse: ResponseEncodable {
        let token: String
        let expiresAt: String
        let office: String?
        let role: String
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("login", use: self.login)
    }

    /// The largest login body read; anyone may send one, so it is small.
    static let maxBodyBytes = 4 << 10

    @Sendable func login(request: Request, context: HubRequestContext) async throws -> LoginResponse {
        let bytes = try await BoundedBody.collect(request, limit: Self.maxBodyBytes, timeout: BoundedBody.smallBodySeconds)
        let body: LoginRequest
        do {
            body = try JSONDecoder().decode(LoginRequest.self, from: Data(bytes.readableBytesView))
        } catch {
            throw HubError.badRequest("login.body", "loginName と password を JSON で送ってください / send loginName and password as JSON")
        }
        let session = try await PasswordLogin(hub: self.hub).login(
            loginName: body.loginName, password: body.password,
            clientAddress: context.clientAddress(request, trustedProxies: self.hub.configuration.auth.trustedProxies))
        return LoginResponse(
                token: session.secret, expiresAt: ISO8601.string(session.expiresAt), office: session.office?.officeID.description,
                role: session.account.role.rawValue)
    }
}
