// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// パスワードの変更 by the account's own user: the current password proves it is them (a session left open on a
/// shared PC is not enough), the new one passes ``PasswordPolicy``, and the account's other sessions (web and API
/// logins) end, so that whoever knew the old password is signed out. Tokens and certificates of the care software stay.
struct PasswordChange {
    let hub: Hub

    /// - Throws: ``ExchangeError`` (`password.*`) naming what to correct.
    func change(for identity: HubIdentity, current: String, new: String, confirmation: String) async throws {
        guard current.utf8.count <= PasswordLogin.maxPasswordBytes, new.utf8.count <= PasswordLogin.maxPasswordBytes,
            PasswordHasher.verify(current, hash: identity.account.passwordHash)
        else {
            throw ExchangeError(.forbidden, "password.current", "現在のパスワードが違います / the current password is wrong")
        }
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
            accountID: account.id, passwordHash: PasswordHasher.hash(new), mustChange: false,
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
