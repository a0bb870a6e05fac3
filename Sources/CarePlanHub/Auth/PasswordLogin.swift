// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanCSV
import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix

/// Password login shared by the API (`POST /api/v1/login`, a bearer session token) and the web UI (a session cookie).
///
/// The attempt is counted before the password is checked (``LoginThrottle``), so parallel guesses cannot escape the
/// count; a throttled attempt is refused without a check. An unknown name costs the same bcrypt work as a wrong
/// password and gets the same answer, so neither the answer nor its time tells whether an account exists. Every
/// checked attempt is audited.
struct PasswordLogin {
    let hub: Hub
    var logger = Logger(label: "CarePlanHub.login")
    /// The password check (bcrypt); tests count the checks through it.
    var checkPassword: @Sendable (_ password: String, _ hash: String) -> Bool = { Bcrypt.verify($0, hash: $1) }

    /// A started session: the secret (shown once, stored hashed) and who it belongs to.
    struct Session {
        let secret: String
        let expiresAt: Double
        let account: Account
        let office: Office?
    }

    /// The longest login name and password accepted; longer ones are refused before any work (400).
    static let maxLoginNameLength = 128
    static let maxPasswordBytes = 1024


    /// The hash an unknown name is checked against: the same cost as a real one, and no password matches it.
    static let dummyHash: String = Bcrypt.hash(Secrets.generate(prefix: "dummy-"), cost: 12)

    /// Checks the field sizes before anything else.
    static func checkBounds(loginName: String, password: String) throws {
        guard !loginName.isEmpty, loginName.count <= Self.maxLoginNameLength, loginName.utf8.count <= 4 * Self.maxLoginNameLength,
            password.utf8.count <= Self.maxPasswordBytes
        else {
            throw LoginError.outOfBounds(maxLoginName: Self.maxLoginNameLength, maxPasswordBytes: Self.maxPasswordBytes)
        }
    }

    /// Logs in `loginName` from `clientAddress` (the peer, or the client a trusted proxy names).
    /// `webSession` makes the session a web UI cookie session, which the API never accepts.
    func login(loginName: String, password: String, clientAddress: String, webSession: Bool = false) async throws -> Session {
        try Self.checkBounds(loginName: loginName, password: password)
        let now = self.hub.now()
        let keys = LoginThrottle.keys(loginName: loginName, address: clientAddress, configuration: self.hub.configuration.auth)
        if let wait = try await self.hub.store.throttleLoginAttempt(keys, at: now) {
            self.logger.info("login throttled", metadata: ["address": "\(clientAddress)", "retryAfter": "\(Int(wait.rounded(.up)))"])
            throw LoginError.throttled(retryAfter: wait)
        }
        let account = try await self.hub.store.account(loginName: loginName)
        // bcrypt is deliberately slow: run it off the request's executor. Unknown names pay the same.
        let hash = account?.passwordHash ?? Self.dummyHash
        let check = self.checkPassword
        let matches = try await NIOThreadPool.singleton.runIfActive { check(password, hash) }
        guard let account, matches else {
            try await self.hub.store.appendAudit(
                AuditRecord(actor: account.map { "account:\($0.id)" } ?? "anonymous", office: nil, action: "login.failed", subject: loginName))
            self.logger.info("login failed", metadata: ["address": "\(clientAddress)"])
            throw LoginError.failed
        }
        let office = try await account.officeID.asyncMap { try await self.hub.store.office(id: $0) } ?? nil
        try await self.hub.store.loginSucceeded(
            keys, audit: AuditRecord(actor: "account:\(account.id)", office: office?.officeID.description, action: "login", subject: account.loginName))
        let secret = Secrets.generate(prefix: "cps_")
        let expires = now + self.hub.configuration.auth.sessionHours * 3600
        _ = try await self.hub.store.createCredential(
            Credential(
                accountID: account.id, kind: webSession ? .webSession : .session, secretHash: Secrets.hash(secret), label: webSession ? "web" : "session",
                scopes: account.role.sessionScopes, createdAt: now, expiresAt: expires),
            audit: nil)
        return Session(secret: secret, expiresAt: expires, account: account, office: office)
    }
}
