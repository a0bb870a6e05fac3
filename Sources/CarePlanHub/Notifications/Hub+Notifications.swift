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
    /// - Throws: ``HubSetupError`` when they are on but cannot work (no server, no or a malformed sender address, a
    ///   password to be sent in clear to another machine, trust roots that do not load).
    static func mailer(_ notifications: HubConfiguration.Notifications) throws -> SMTPClient? {
        guard notifications.enabled else { return nil }
        let smtp = notifications.smtp
        guard !smtp.host.isEmpty else {
            throw HubSetupError("メール通知が有効ですが notifications.smtp.host がありません / notifications are enabled but notifications.smtp.host is not set")
        }
        guard MailMessage.isPlausibleAddress(notifications.from) else {
            throw HubSetupError("notifications.from がメールアドレスではありません / notifications.from is not an e-mail address: \(notifications.from)")
        }
        if smtp.security == .none, smtp.username != nil, !["127.0.0.1", "::1", "localhost"].contains(smtp.host) {
            throw HubSetupError(
                "暗号化なし（security: none）でパスワードを別のサーバーへ送ることはできません / no password in clear to another machine: use startTLS or tls")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = smtp.caFile { tls.trustRoots = .file(caFile) }
        do {
            return try SMTPClient(
                configuration: .init(
                    host: smtp.host, port: smtp.port, security: smtp.security, username: smtp.username, password: smtp.password,
                    heloName: smtp.heloName, timeoutSeconds: smtp.timeoutSeconds, tls: tls))
        } catch {
            throw HubSetupError("notifications.smtp の TLS 設定を使えません / the TLS settings of notifications.smtp cannot be used: \(error)")
        }
    }

    /// Mails one pass sends at most; the rest wait for the next.
    static let mailsPerPass = 200

    /// One pass: records what happened since the last one (each thing once), then sends what is due, one mail per
    /// office, claiming one office's notifications at a time (so that a claim's lease covers one mail, however long
    /// the pass). A failed notification is tried again after 1, 2, 4 … minutes (at most 6 hours between tries)
    /// until `maxAttempts`; a 5xx refusal of the recipient or the message is given up at once. Nothing to do when
    /// notifications are off.
    public func sendNotifications() async throws -> NotificationPass {
        guard let mailer = self.mailer else { return NotificationPass() }
        let configuration = self.configuration.notifications
        let now = self.now()
        let day = 86_400.0
        var pass = NotificationPass()
        pass.found = try await self.store.enqueueNotifications(
            since: now - configuration.lookbackHours * 3600,
            expiringCreatedBefore: now - max(0, self.configuration.retention.unreadDays - self.configuration.retention.expiryWarningDays) * day, at: now)
        for _ in 0..<Self.mailsPerPass {
            let items = try await self.store.claimNotifications(at: self.now(), leaseSeconds: configuration.smtp.timeoutSeconds * 2 + 60, limit: 500)
            guard let first = items.first else { break }
            let office = first.notification.kind == .arrival ? first.unit.recipient : first.unit.sender
            let mail = NotificationMail(office: office, address: first.address, items: items)
                .message(configuration: configuration, expiry: { self.expiry(of: $0) }, now: self.now())
            let failure: (any Error)?
            do {
                try await mailer.send(mail)
                failure = nil
            } catch {
                failure = error
            }
            guard let error = failure else {
                // Outside the send's catch: a store error here must not turn a delivered mail into a retry.
                try await self.store.finishNotifications(items.map { NotificationOutcome(id: $0.notification.id) }, at: self.now())
                pass.mails += 1
                pass.sent += items.count
                continue
            }
            let permanent = (error as? SMTPError)?.isPermanent ?? false
            let failedAt = self.now()
            let outcomes = items.map { item in
                let attempts = item.notification.attempts
                let giveUp = permanent || attempts >= configuration.maxAttempts
                return NotificationOutcome(
                    id: item.notification.id, error: String(describing: error).prefix(500).description,
                    retryAt: giveUp ? nil : failedAt + min(6 * 3600, 60 * pow(2, Double(attempts - 1))))
            }
            try await self.store.finishNotifications(outcomes, at: failedAt)
            pass.failed += items.count
            pass.givenUp += outcomes.filter { $0.retryAt == nil }.count
            // The office's id, never its address (the SMTP error has none either): the log is read by more people.
            self.logger.warning(
                "notification mail failed",
                metadata: ["office": "\(first.notification.officeID)", "notices": "\(items.count)", "permanent": "\(permanent)", "error": "\(error)"])
            // The way to the server failed (connection, TLS, AUTH, sender, relay policy): every other office's mail
            // would fail the same way, spending an attempt each; the next pass tries again.
            guard (error as? SMTPError)?.concernsTheMessage == true else { break }
        }
        return pass
    }
}
