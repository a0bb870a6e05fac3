// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// メール通知 on PostgreSQL.
extension PostgresHubStore {
    /// The office's 通知先メールアドレス, nil when it has none.
    public func notificationAddress(officeID: Int64) async throws -> String? {
        try await self.read { session in
            try await session.scalar(String.self, "SELECT email FROM officeNotification WHERE officeID = ?", [officeID])
        }
    }

    /// Sets or (nil) removes the office's 通知先メールアドレス.
    public func setNotificationAddress(officeID: Int64, address: String?, at time: Double, audit: AuditRecord) async throws {
        try await self.write { session in
            if let address {
                try await session.execute(
                    """
                    INSERT INTO officeNotification (officeID, email, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (officeID) DO UPDATE SET email = excluded.email, updatedAt = excluded.updatedAt
                    """, [officeID, address, time])
            } else {
                try await session.execute("DELETE FROM officeNotification WHERE officeID = ?", [officeID])
                // Nothing more is sent to an office that took its address away.
                try await session.execute(
                    "UPDATE notification SET nextAttemptAt = NULL, lastError = 'no address' WHERE officeID = ? AND nextAttemptAt IS NOT NULL",
                    [officeID])
            }
            _ = try await self.append(audit, in: session)
        }
    }

    /// Records the arrivals, refusals and coming expiries to tell; returns how many were added.
    public func enqueueNotifications(since: Double, expiringCreatedBefore: Double, at time: Double) async throws -> Int {
        try await self.write { session in
            // Only offices with an address; ON CONFLICT DO NOTHING keeps the one row per kind, unit and office.
            let arrivals = try await session.changes(
                """
                INSERT INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                SELECT 'arrival', u.recipientOfficeID, u.id, ?, ? FROM unit u
                    JOIN officeNotification a ON a.officeID = u.recipientOfficeID
                    WHERE u.state = 'accepted' AND u.createdAt >= ?
                ON CONFLICT DO NOTHING RETURNING 1
                """, [time, time, since])
            let refusals = try await session.changes(
                """
                INSERT INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                SELECT 'importRefused', u.senderOfficeID, u.id, ?, ? FROM unit u
                    JOIN officeNotification a ON a.officeID = u.senderOfficeID
                    WHERE u.state = 'importRefused' AND u.importReportedAt >= ?
                ON CONFLICT DO NOTHING RETURNING 1
                """, [time, time, since])
            let expiries = try await session.changes(
                """
                INSERT INTO notification (kind, officeID, unitID, createdAt, nextAttemptAt)
                SELECT 'expiring', u.senderOfficeID, u.id, ?, ? FROM unit u
                    JOIN officeNotification a ON a.officeID = u.senderOfficeID
                    WHERE u.state = 'accepted' AND u.createdAt < ?
                ON CONFLICT DO NOTHING RETURNING 1
                """, [time, time, expiringCreatedBefore])
            return arrivals + refusals + expiries
        }
    }

    /// Takes the due notifications of the office that has waited longest, each leased for `leaseSeconds`.
    public func claimNotifications(at time: Double, leaseSeconds: Double, limit: Int) async throws -> [ClaimedNotification] {
        try await self.write { session in
            // What no longer holds is not told: an arrival or a coming expiry of a unit that was received, withdrawn
            // or expired meanwhile, a refusal that a later import replaced.
            try await session.execute(
                """
                UPDATE notification SET nextAttemptAt = NULL, lastError = 'obsolete'
                WHERE nextAttemptAt IS NOT NULL AND nextAttemptAt <= ? AND EXISTS (
                    SELECT 1 FROM unit u WHERE u.id = notification.unitID AND (
                        (notification.kind IN ('arrival', 'expiring') AND u.state <> 'accepted')
                        OR (notification.kind = 'importRefused' AND u.state <> 'importRefused')))
                """, [time])
            // The office whose notification has waited longest; then its due notifications (one mail). The hub-wide
            // write lock keeps a second claimer out until this transaction ends, as SQLite's single writer did.
            guard
                let officeID = try await session.scalar(
                    Int64.self,
                    """
                    SELECT n.officeID FROM notification n JOIN officeNotification a ON a.officeID = n.officeID
                    WHERE n.nextAttemptAt IS NOT NULL AND n.nextAttemptAt <= ? ORDER BY n.nextAttemptAt, n.id LIMIT 1
                    """, [time])
            else { return [] }
            let rows = try await session.rows(
                """
                SELECT n.*, a.email FROM notification n JOIN officeNotification a ON a.officeID = n.officeID
                WHERE n.officeID = ? AND n.nextAttemptAt IS NOT NULL AND n.nextAttemptAt <= ? ORDER BY n.nextAttemptAt, n.id LIMIT ?
                """, [officeID, time, max(1, limit)])
            var claimed: [(MailNotification, String)] = []
            for row in rows {
                var notification = try MailNotification(sqlRow: row)
                notification.attempts += 1
                notification.nextAttemptAt = time + leaseSeconds
                // The lease: another process, or this one after a crash, tries again only once it has run out.
                try await session.execute(
                    "UPDATE notification SET attempts = ?, nextAttemptAt = ? WHERE id = ?",
                    [notification.attempts, notification.nextAttemptAt, notification.id])
                claimed.append((notification, try row.decode("email")))
            }
            let unitIDs = Array(Set(claimed.map(\.0.unitID)))
            let units = try await session.fetchAll(ExchangeUnit.self, "SELECT * FROM unit WHERE id = ANY(?)", [SQLArgument.list(unitIDs)])
            let listed = Dictionary(uniqueKeysWithValues: try await Self.listed(units, in: session).map { ($0.unit.id, $0) })
            return claimed.compactMap { notification, address in
                listed[notification.unitID].map { ClaimedNotification(notification: notification, address: address, unit: $0) }
            }
        }
    }

    /// Records how each claimed notification ended.
    public func finishNotifications(_ outcomes: [NotificationOutcome], at time: Double) async throws {
        guard !outcomes.isEmpty else { return }
        try await self.write { session in
            for outcome in outcomes {
                if let error = outcome.error {
                    try await session.execute(
                        "UPDATE notification SET nextAttemptAt = ?, lastError = ? WHERE id = ?", [outcome.retryAt, error, outcome.id])
                } else {
                    try await session.execute(
                        "UPDATE notification SET nextAttemptAt = NULL, sentAt = ?, lastError = NULL WHERE id = ?", [time, outcome.id])
                }
            }
        }
    }

    /// The office's notifications, newest first.
    public func notifications(officeID: Int64, limit: Int) async throws -> [MailNotification] {
        try await self.read { session in
            try await session.fetchAll(
                MailNotification.self, "SELECT * FROM notification WHERE officeID = ? ORDER BY createdAt DESC, id DESC LIMIT ?",
                [officeID, max(0, limit)])
        }
    }
}
