// CarePlan Link — CarePlanHubStore
import GRDB

/// メール通知 on SQLite.
extension SQLiteHubStore {
    public func notificationAddress(officeID: Int64) async throws -> String? {
        try await self.writer.read { db in
            try String.fetchOne(db, sql: "SELECT email FROM officeNotification WHERE officeID = ?", arguments: [officeID])
        }
    }

    public func setNotificationAddress(officeID: Int64, address: String?, at time: Double, audit: AuditRecord) async throws {
        try await self.write { db in
            if let address {
                try db.execute(
                    sql: """
                        INSERT INTO officeNotification (officeID, email, updatedAt) VALUES (?, ?, ?)
                        ON CONFLICT (officeID) DO UPDATE SET email = excluded.email, updatedAt = excluded.updatedAt
                        """, arguments: [officeID, address, time])
            } else {
                try db.execute(sql: "DELETE FROM officeNotification WHERE officeID = ?", arguments: [officeID])
                // Nothing more is sent to an office that took its address away.
                try db.execute(
                    sql: "UPDATE notification SET nextAttemptAt = NULL, lastError = 'no address' WHERE officeID = ? AND nextAttemptAt IS NOT NULL",
                    arguments: [officeID])
            }
            _ = try self.append(audit, to: db)
        }
    }

    public func enqueueNotifications(since: Double, expiringCreatedBefore: Double, at time: Double) async throws -> Int {
        try await self.write { db in
            let before = db.totalChangesCount
            // Only offices with an address; INSERT OR IGNORE keeps the one row per kind, unit and office.
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                    SELECT 'arrival', u.recipientOfficeID, u.id, :now, :now FROM unit u
                        JOIN officeNotification a ON a.officeID = u.recipientOfficeID
                        WHERE u.state = 'accepted' AND u.createdAt >= :since;
                    INSERT OR IGNORE INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                    SELECT 'importRefused', u.senderOfficeID, u.id, :now, :now FROM unit u
                        JOIN officeNotification a ON a.officeID = u.senderOfficeID
                        WHERE u.state = 'importRefused' AND u.importReportedAt >= :since;
                    INSERT OR IGNORE INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                    SELECT 'expiring', u.senderOfficeID, u.id, :now, :now FROM unit u
                        JOIN officeNotification a ON a.officeID = u.senderOfficeID
                        WHERE u.state = 'accepted' AND u.createdAt < :expiring;
                    """, arguments: ["now": time, "since": since, "expiring": expiringCreatedBefore])
            return db.totalChangesCount - before
        }
    }

    public func claimNotifications(at time: Double, leaseSeconds: Double, limit: Int) async throws -> [ClaimedNotification] {
        try await self.write { db in
            // What no longer holds is not told: an arrival or a coming expiry of a unit that was received, withdrawn
            // or expired meanwhile, a refusal that a later import replaced.
            try db.execute(
                sql: """
                    UPDATE notification SET nextAttemptAt = NULL, lastError = 'obsolete'
                    WHERE nextAttemptAt IS NOT NULL AND nextAttemptAt <= ? AND EXISTS (
                        SELECT 1 FROM unit u WHERE u.id = notification.unitID AND (
                            (notification.kind IN ('arrival', 'expiring') AND u.state <> 'accepted')
                            OR (notification.kind = 'importRefused' AND u.state <> 'importRefused')))
                    """, arguments: [time])
            // The office whose notification has waited longest; then its due notifications (one mail).
            guard
                let officeID = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT n.officeID FROM notification n JOIN officeNotification a ON a.officeID = n.officeID
                        WHERE n.nextAttemptAt IS NOT NULL AND n.nextAttemptAt <= ? ORDER BY n.nextAttemptAt, n.id LIMIT 1
                        """, arguments: [time])
            else { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.*, a.email FROM notification n JOIN officeNotification a ON a.officeID = n.officeID
                    WHERE n.officeID = ? AND n.nextAttemptAt IS NOT NULL AND n.nextAttemptAt <= ? ORDER BY n.nextAttemptAt, n.id LIMIT ?
                    """, arguments: [officeID, time, max(1, limit)])
            var claimed: [(MailNotification, String)] = []
            for row in rows {
                var notification = try MailNotification(row: row)
                notification.attempts += 1
                notification.nextAttemptAt = time + leaseSeconds
                // The lease: another process, or this one after a crash, tries again only once it has run out.
                try db.execute(
                    sql: "UPDATE notification SET attempts = ?, nextAttemptAt = ? WHERE id = ?",
                    arguments: [notification.attempts, notification.nextAttemptAt, notification.id])
                claimed.append((notification, try row.decode(forColumn: "email")))
            }
            let units = try ExchangeUnit.filter(Set(claimed.map(\.0.unitID)).contains(ExchangeUnit.Columns.id)).fetchAll(db)
            let listed = Dictionary(uniqueKeysWithValues: try Self.listed(units, in: db).map { ($0.unit.id, $0) })
            return claimed.compactMap { notification, address in
                listed[notification.unitID].map { ClaimedNotification(notification: notification, address: address, unit: $0) }
            }
        }
    }

    public func finishNotifications(_ outcomes: [NotificationOutcome], at time: Double) async throws {
        guard !outcomes.isEmpty else { return }
        try await self.write { db in
            for outcome in outcomes {
                if let error = outcome.error {
                    try db.execute(
                        sql: "UPDATE notification SET nextAttemptAt = ?, lastError = ? WHERE id = ?", arguments: [outcome.retryAt, error, outcome.id])
                } else {
                    try db.execute(sql: "UPDATE notification SET nextAttemptAt = NULL, sentAt = ?, lastError = NULL WHERE id = ?", arguments: [time, outcome.id])
                }
            }
        }
    }

    public func notifications(officeID: Int64, limit: Int) async throws -> [MailNotification] {
        try await self.writer.read { db in
            try MailNotification.fetchAll(
                db, sql: "SELECT * FROM notification WHERE officeID = ? ORDER BY createdAt DESC, id DESC LIMIT ?", arguments: [officeID, max(0, limit)])
        }
    }
}
