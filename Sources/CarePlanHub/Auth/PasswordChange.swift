// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// パスワードの変更 by the account's own user: the current password proves it is them (a session left open on a
/// shared PC is not enough; wrong guesses count against the login throttle of the name and address, so the form is no
/// way around it), the new one passes ``PasswordPolicy``, and the account's other sessions (web and API logins) end,
/// so that whoever knew the old password is signed out. Tokens and certificates of the care software stay.
struct PasswordChange {
    let hub: Hub

    /// - Throws: ``ExchangeError`` (`password.*`) naming what to correct.
    func change(for identity: HubIdentity, current: String, new: String, confirmation: String, clientAddress: String) async throws {
        let keys = LoginThrottle.keys(loginName: identity.account.loginName, address: clientAddress, configuration: self.hub.configuration.auth)
        if let wait = try await self.hub.store.throttleLoginAttempt(keys, at: self.hub.now()) {
            throw ExchangeError(
                .busy, "password.throttled",
                "パスワードの誤りが続いたため、\(Int(wait.rounded(.up)))秒後にもう一度試してください / too many wrong passwords; try again in \(Int(wait.rounded(.up))) s")
        }
        guard current.utf8.count <= PasswordLogin.maxPasswordBytes, new.utf8.count <= PasswordLogin.maxPasswordBytes,
            try await PasswordHasher.verifyInPool(current, hash: identity.account.passwordHash)
        else {
            try await self.hub.store.appendAudit(
                AuditRecord(
                    actor: "account:\(identity.account.id)", office: identity.office?.officeID.description, action: "account.changePassword.failed",
                    subject: identity.account.loginName))
            throw ExchangeError(.forbidden, "password.current", "現在のパスワードが違います / the current password is wrong")
        }
        // Right: the name's count is cleared and the address gets its attempt back, as after a login.
        try await self.hub.store.loginSucceeded(
            keys,
            audit: AuditRecord(
                actor: "account:\(identity.account.id)", office: identity.office?.officeID.description, action: "account.reauthenticated",
                subject: identity.account.loginName))
        guard new == confirmation else {
            throw ExchangeError(.malformed, "password.confirmation", "確認用のパスワードが一致しません / the two new passwords differ")
        }
        if let problem = PasswordPolicy.problem(with: new) { throw ExchangeError(.malformed, "password.policy", problem) }
        guard new != current else {
            throw ExchangeError(.malformed, "password.unchanged", "今と違うパスワードにしてください / choose a password other than the current one")
        }
        let account = identity.account
        let actor = "account:\(account.id)"
        _ = try await self.hub.store.setPassword(
            accountID: account.id, passwordHash: try await PasswordHasher.hashInPool(new), mustChange: false, clearingThrottle: nil,
            audit: AuditRecord(actor: actor, office: identity.office?.officeID.description, action: "account.changePassword", subject: account.loginName))
        let now = self.hub.now()
        for credential in try await self.hub.store.credentials(accountID: account.id)
        where [.session, .webSession].contains(credential.kind) && credential.id != identity.credential.id && credential.revokedAt == nil && credential.expiresAt > now {
            _ = try await self.hub.store.revokeCredential(
                id: credential.id, at: now,
                audit: AuditRecord(actor: actor, office: identity.office?.officeID.description, action: "account.endSession", subject: "credential:\(credential.id)"))
        }
    }
}
