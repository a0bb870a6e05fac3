// CarePlan Link — CarePlanHub
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

    struct LoginResponse: Encodable {
        let token: String
        let expiresAt: String
        let office: String?
        let role: String
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("login", use: self.login)
    }

    @Sendable func login(request: Request, context: HubRequestContext) async throws -> Response {
        let body: LoginRequest
        do {
            body = try await request.decode(as: LoginRequest.self, context: context)
        } catch {
            throw HubError.badRequest("login.body", "loginName と password を JSON で送ってください / send loginName and password as JSON")
        }
        let session = try await PasswordLogin(hub: self.hub).login(loginName: body.loginName, password: body.password)
        return try ExchangeController.json(
            LoginResponse(
                token: session.secret, expiresAt: ISO8601.string(session.expiresAt), office: session.office?.officeID.description,
                role: session.account.role.rawValue))
    }
}

/// Password hashing for accounts (bcrypt, cost 12).
public enum PasswordHasher {
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
