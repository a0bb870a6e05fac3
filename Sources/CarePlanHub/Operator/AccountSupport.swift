// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// The operator's help for a user who cannot log in: a new one-time password, to be changed at first use, which also
/// ends the account's sessions. The operator never learns the old password and the hub never stores the new one in
/// the clear. Tokens and certificates of the care software are left alone (revoke them on ソフト連携 or by CLI).
struct AccountSupport {
    let hub: Hub

    /// The new password, shown to the operator once.
    /// - Throws: ``ExchangeError`` for an unknown account or the operator's own (which uses the password page).
    func resetPassword(of accountID: Int64, by identity: HubIdentity) async throws -> (account: Account, password: String) {
        guard let account = try await self.hub.store.account(id: accountID) else {
            throw ExchangeError(.notFound, "account.notFound", "そのアカウントはありません / no such account")
        }
        guard account.id != identity.account.id else {
            throw ExchangeError(
                .forbidden, "account.ownPassword", "自分のパスワードはパスワード変更の画面で変えてください / change your own password on the password page")
        }
        let password = ApplicationBook.initialPassword()
        let actor = "account:\(identity.account.id)"
        let office = try await account.officeID.asyncMap { try await self.hub.store.office(id: $0) } ?? nil
        _ = try await self.hub.store.setPassword(
            accountID: account.id, passwordHash: try await PasswordHasher.hashInPool(password), mustChange: true,
            clearingThrottle: LoginThrottle.namePrefix(account.loginName),
            audit: AuditRecord(actor: actor, office: office?.officeID.description, action: "admin.resetPassword", subject: account.loginName))
        let now = self.hub.now()
        for credential in try await self.hub.store.credentials(accountID: account.id)
        where [.session, .webSession].contains(credential.kind) && credential.revokedAt == nil && credential.expiresAt > now {
            _ = try await self.hub.store.revokeCredential(
                id: credential.id, at: now,
                audit: AuditRecord(actor: actor, office: office?.officeID.description, action: "account.endSession", subject: "credential:\(credential.id)"))
        }
        return (account, password)
    }
}
