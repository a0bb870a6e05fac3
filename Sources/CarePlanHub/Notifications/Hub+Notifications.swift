// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanMail
import Foundation
import Logging
import NIOSSL

/// What one pass of the notifications did.
public struct NotificationPass: Sendable, Equatable {
    /// Notifications newly recorded.
    public var found = 0
    /// Mails handed to the SMTP server, and the notifications they carried.
    public var mails = 0
    public var sent = 0
    /// Notifications whose mail failed (to be tried again, or given up).
    public var failed = 0
    public var givenUp = 0
}

extension Hub {
    /// The SMTP client of `notifications`, checked; nil when notifications are off.
    /// - Throws: ``HubSetupError`` when they are on but cannot work (no server, no or a malformed sender address).
    static func mailer(_ notifications: HubConfiguration.Notifications) throws -> SMTPClient? {
        guard notifications.enabled else { return nil }
        guard !notifications.smtp.host.isEmpty else {
            throw HubSetupError("メール通知が有効ですが notifications.smtp.host がありません / notifications are enabled but notifications.smtp.host is not set")
        }
        guard MailMessage.isPlausibleAddress(notifications.from) else {
            throw HubSetupError("notifications.from がメールアドレスではありません / notifications.from is not an e-mail address: \(notifications.from)")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = notifications.smtp.caFile { tls.trustRoots = .file(caFile) }
        let smtp = notifications.smtp
        return SMTPClient(
            configuration: .init(
                host: smtp.host, port: smtp.port, security: smtp.security, username: smtp.username, password: smtp.password, heloName: smtp.heloName,
                timeoutSeconds: smtp.timeoutSeconds, tls: tls))
    }

    /// One pass: records what happened since the last one (each thing once), then sends what is due, one mail per
    /// office. A failed mail is tried again after 1, 2, 4 … minutes (at most 6 hours) until `maxAttempts`; a 5xx
    /// refusal of the message is given up at once. Nothing to do when notifications are off.
    public func sendNotifications() async throws -> NotificationPass {
        guard let mailer = self.mailer else { return NotificationPass() }
        let configuration = self.configuration.notifications
        let now = self.now()
        let day = 86_400.0
        var pass = NotificationPass()
        pass.found = try await self.store.enqueueNotifications(
            since: now - configuration.lookbackHours * 3600,
            expiringCreatedBefore: now - max(0, self.configuration.retention.unreadDays - self.configuration.retention.expiryWarningDays) * day, at: now)
        let claimed = try await self.store.claimNotifications(at: now, leaseSeconds: configuration.smtp.timeoutSeconds * 2 + 60, limit: 500)
        // One mail per office and address.
        let byOffice = Dictionary(grouping: claimed) { "\($0.notification.officeID) \($0.address)" }
        for items in byOffice.values.sorted(by: { $0[0].notification.id < $1[0].notification.id }) {
            let first = items[0]
            let office = first.notification.kind == .arrival ? first.unit.recipient : first.unit.sender
            let mail = NotificationMail(office: office, address: first.address, items: items)
                .message(configuration: configuration, expiry: { self.expiry(of: $0) }, now: now)
            let ids = items.map(\.notification.id)
            do {
                try await mailer.send(mail)
                try await self.store.finishNotifications(ids: ids, at: self.now(), error: nil, retryAt: nil)
                pass.mails += 1
                pass.sent += items.count
            } catch {
                let attempts = items.map(\.notification.attempts).max() ?? 1
                let permanent = (error as? SMTPError)?.isPermanent ?? false
                let giveUp = permanent || attempts >= configuration.maxAttempts
                let retryAt = giveUp ? nil : now + min(6 * 3600, 60 * pow(2, Double(attempts - 1)))
                try await self.store.finishNotifications(ids: ids, at: self.now(), error: String(describing: error).prefix(500).description, retryAt: retryAt)
                pass.failed += items.count
                if giveUp { pass.givenUp += items.count }
                // The office's id, never its address: the log is read by more people.
                self.logger.warning(
                    "notification mail failed",
                    metadata: ["office": "\(first.notification.officeID)", "attempt": "\(attempts)", "givenUp": "\(giveUp)", "error": "\(error)"])
            }
        }
        return pass
    }
}
