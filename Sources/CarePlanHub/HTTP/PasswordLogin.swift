// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import NIOPosix

/// Password login shared by the API (`POST /api/v1/login`, a bearer session token) and the web UI (a session cookie):
/// bcrypt check, lockout after `auth.maxFailedLogins` failures for `auth.lockMinutes`, every attempt audited.
struct PasswordLogin {
    let hub: Hub

    /// A started session: the secret (shown once, stored hashed) and who it belongs to.
    struct Session {
        let secret: String
        let expiresAt: Double
        let account: Account
        let office: Office?
    }

    static let failure = HubError(status: .unauthorized, code: "login.failed", message: "ログイン名またはパスワードが違います / wrong login name or password")

    func login(loginName: String, password: String) async throws -> Session {
        let now = self.hub.now()
        guard let account = try await self.hub.store.account(loginName: loginName) else {
            try await self.hub.store.appendAudit(AuditRecord(actor: "anonymous", office: nil, action: "login.failed", subject: loginName))
            throw Self.failure
        }
        let office = try await account.officeID.asyncMap { try await self.hub.store.office(id: $0) } ?? nil
        let officeName = office?.officeID.description
        if let locked = account.lockedUntil, locked > now {
            try await self.hub.store.appendAudit(AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login.locked", subject: account.loginName))
            throw HubError(status: .unauthorized, code: "login.locked", message: "ログイン失敗が続いたためロック中です / the account is locked after repeated failures")
        }
        // bcrypt is deliberately slow: run it off the request's executor.
        let hash = account.passwordHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        let lock = LoginLock(afterFailures: self.hub.configuration.auth.maxFailedLogins, until: now + self.hub.configuration.auth.lockMinutes * 60)
        guard matches else {
            try await self.hub.store.recordLogin(
                accountID: account.id, succeeded: false, lock: lock,
                audit: AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login.failed", subject: account.loginName))
            throw Self.failure
        }
        try await self.hub.store.recordLogin(
            accountID: account.id, succeeded: true, lock: lock,
            audit: AuditRecord(actor: "account:\(account.id)", office: officeName, action: "login", subject: account.loginName))
        let secret = Secrets.generate(prefix: "cps_")
        let expires = now + self.hub.configuration.auth.sessionHours * 3600
        let scopes: [Scope] = account.role == .staff ? [.send, .receive] : (account.role == .admin ? [.send, .receive, .manage] : [.manage])
        _ = try await self.hub.store.createCredential(
            Credential(accountID: account.id, kind: .session, secretHash: Secrets.hash(secret), label: "session", scopes: scopes, createdAt: now, expiresAt: expires),
            audit: nil)
        return Session(secret: secret, expiresAt: expires, account: account, office: office)
    }
}
