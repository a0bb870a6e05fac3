// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// ソフト連携: the API tokens and client certificates with which an office's care software reaches the hub. Every
/// account of the office sees them (label, kind, expiry, never a secret); its administrators issue tokens (send and
/// receive, never manage) and revoke any of them.
struct SoftwareAccess {
    let hub: Hub

    /// A live credential of one of the office's accounts.
    struct Entry: Sendable {
        let credential: Credential
        let account: Account
    }

    /// How long a token issued in the browser lives, in days: what the form offers.
    static let tokenDays = [90, 365, 730]

    /// The office's live tokens and certificates, newest first.
    func entries(for office: Office) async throws -> [Entry] {
        let now = self.hub.now()
        var entries: [Entry] = []
        for account in try await self.hub.store.accounts(officeID: office.id) {
            for credential in try await self.hub.store.credentials(accountID: account.id)
            where [.apiToken, .certificate].contains(credential.kind) && credential.revokedAt == nil && credential.expiresAt > now {
                entries.append(Entry(credential: credential, account: account))
            }
        }
        return entries.sorted { ($0.credential.createdAt, $0.credential.id) > ($1.credential.createdAt, $1.credential.id) }
    }

    /// Issues a token for the administrator's own account; the secret is returned once.
    /// - Throws: ``ExchangeError`` for a missing or over-long label, or a lifetime the form does not offer.
    func issueToken(label: String, days: Int, by identity: HubIdentity) async throws -> String {
        let office = try identity.requireOffice(for: .manage)
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100, !label.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) else {
            throw ExchangeError(.malformed, "software.label", "用途（ソフト名など）を100文字以内で入力してください / give the token a label (the software's name), at most 100 characters")
        }
        guard Self.tokenDays.contains(days) else {
            throw ExchangeError(.malformed, "software.days", "有効期間を選んでください / choose the token's lifetime")
        }
        let issued = try await self.hub.store.issueAPIToken(
            accountID: identity.account.id, label: label, scopes: [.send, .receive], now: self.hub.now(), days: Double(days),
            audit: AuditRecord(actor: "account:\(identity.account.id)", office: office.officeID.description, action: "admin.createToken", subject: label))
        return issued.secret
    }

    /// Revokes one of the office's tokens or certificates.
    /// - Throws: ``ExchangeError`` (not found) for a credential of another office, a session, or one revoked already.
    func revoke(_ id: Int64, by identity: HubIdentity) async throws {
        let office = try identity.requireOffice(for: .manage)
        guard try await self.entries(for: office).contains(where: { $0.credential.id == id }),
            try await self.hub.store.revokeCredential(
                id: id, at: self.hub.now(),
                audit: AuditRecord(actor: "account:\(identity.account.id)", office: office.officeID.description, action: "admin.revoke", subject: "credential:\(id)"))
        else {
            throw ExchangeError(.notFound, "software.notFound", "そのトークン・証明書はありません / no such token or certificate of this office")
        }
    }
}
