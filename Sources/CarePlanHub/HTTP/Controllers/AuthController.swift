// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// Password login: a bcrypt-checked password gives a session token (a bearer credential that expires after
/// `auth.sessionHours`). Repeated failures lock the account for `auth.lockMinutes`.
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
        let failure = HubError(status: .unauthorized, code: "login.failed", message: "ログイン名またはパスワードが違います / wrong login name or password")
        let now = self.hub.now()
        guard let account = try await self.hub.store.account(loginName: body.loginName) else {
            try await self.hub.store.appendAudit(AuditRecord(actor: "anonymous", office: nil, action: "login.failed", subject: body.loginName))
            throw failure
        }
        let office = try await account.officeID.asyncMap { try await self.hub.store.office(id: $0) } ?? nil
        let officeName = office?.officeID.description
        if let locked = account.lockedUntil, locked > now {
            try await self.hub.store.appendAudit(AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login.locked", subject: account.loginName))
            throw HubError(status: .unauthorized, code: "login.locked", message: "ログイン失敗が続いたためロック中です / the account is locked after repeated failures")
        }
        // bcrypt is deliberately slow: run it off the request's executor.
        let hash = account.passwordHash
        let password = body.password
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard matches else {
            let failures = account.failedLogins + 1
            let lockUntil = failures >= self.hub.configuration.auth.maxFailedLogins ? now + self.hub.configuration.auth.lockMinutes * 60 : nil
            try await self.hub.store.recordLogin(
                accountID: account.id, succeeded: false, lockUntil: lockUntil,
                audit: AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login.failed", subject: account.loginName))
            throw failure
        }
        try await self.hub.store.recordLogin(
            accountID: account.id, succeeded: true, lockUntil: nil,
            audit: AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login", subject: account.loginName))
        let secret = Secrets.generate(prefix: "cps_")
        let expires = now + self.hub.configuration.auth.sessionHours * 3600
        let scopes: [Scope] = account.role == .staff ? [.send, .receive] : (account.role == .admin ? [.send, .receive, .manage] : [.manage])
        _ = try await self.hub.store.createCredential(
            Credential(accountID: account.id, kind: .session, secretHash: Secrets.hash(secret), label: "session", scopes: scopes, createdAt: now, expiresAt: expires),
            audit: nil)
        return try ExchangeController.json(LoginResponse(token: secret, expiresAt: ISO8601.string(expires), office: officeName, role: account.role.rawValue))
    }
}

/// Password hashing for accounts (bcrypt, cost 12).
public enum PasswordHasher {
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
