// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import CarePlanMail
import Foundation

/// An office's 通知先メールアドレス: set, changed or removed by any account of the office, audited without the address.
struct NotificationSettings {
    let hub: Hub

    static let invalidAddress = ExchangeError(
        .malformed, "notification.address", "メールアドレスの形式が正しくありません（例 kyotaku@example.jp） / not an e-mail address (e.g. kyotaku@example.jp)")

    /// Sets `address` (trimmed; empty removes it).
    func set(_ address: String, for office: Office, actor: String) async throws {
        let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.isEmpty || MailMessage.isPlausibleAddress(trimmed) else { throw Self.invalidAddress }
        try await self.hub.store.setNotificationAddress(
            officeID: office.id, address: trimmed.isEmpty ? nil : trimmed, at: self.hub.now(),
            audit: AuditRecord(
                actor: actor, office: office.officeID.description, action: trimmed.isEmpty ? "notification.remove" : "notification.set",
                subject: office.officeID.description))
    }
}
