// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanCSV

extension HubStore {
    /// Issues an API token for the システム連携API: a new secret, returned once, of which only the SHA-256 is stored.
    public func issueAPIToken(
        accountID: Int64, label: String, scopes: [Scope], now: Double, days: Double, audit: AuditRecord?
    ) async throws -> (secret: String, credential: Credential) {
        let secret = Secrets.generate(prefix: "cpl_")
        let credential = try await self.createCredential(
            Credential(
                accountID: accountID, kind: .apiToken, secretHash: Secrets.hash(secret), label: label, scopes: scopes, createdAt: now,
                expiresAt: now + days * 86_400),
            audit: audit)
        return (secret, credential)
    }
}

extension Hub {
    /// Issues a client certificate for an office account from the hub's CA and records it as a credential (scopes send
    /// and receive, keyed by the SHA-256 of its DER), audited as `admin.issueCert` by `actor`.
    /// - Throws: ``HubSetupError`` when the configuration has no `caKey`, or the hub was not prepared.
    public func issueClientCertificate(
        for account: Account, office: Office, days: Double, actor: String
    ) async throws -> (certificate: IssuedCertificate, credential: Credential) {
        guard let authority = self.certificateAuthority else {
            guard self.configuration.caKey == nil else {
                throw HubSetupError("ハブの準備（prepare）前は証明書を発行できません / the hub is not prepared yet (Hub.prepare), so its CA is not loaded")
            }
            throw HubSetupError("hub.json に caKey がありません（証明書を発行できません） / hub.json has no caKey, so the hub cannot issue certificates")
        }
        let issued = try authority.issueClientCertificate(loginName: account.loginName, office: office.officeID.description, days: days)
        let credential = try await self.store.createCredential(
            Credential(
                accountID: account.id, kind: .certificate, secretHash: issued.fingerprint, label: "cert \(issued.serial)", scopes: [.send, .receive],
                createdAt: self.now(), expiresAt: issued.notValidAfter),
            audit: AuditRecord(
                actor: actor, office: office.officeID.description, action: "admin.issueCert", subject: "\(account.loginName)/\(issued.serial)"))
        return (issued, credential)
    }
}
