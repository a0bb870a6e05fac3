// CarePlan Link — CarePlanHubStorePostgres
import CarePlanExchange
public import CarePlanHubStore

/// The operator's reads on PostgreSQL: the audit search and the hub's totals.
extension PostgresHubStore {
    /// 監査ログ entries matching `search`, newest first, before `beforeSequence` when given.
    public func searchAudit(_ search: AuditSearch, beforeSequence: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await self.read { session in
            var conditions: [String] = []
            var arguments: [any SQLArgumentConvertible] = []
            if let before = beforeSequence {
                conditions.append("sequence < ?")
                arguments.append(before)
            }
            if let action = search.action {
                // The length is bound as BIGINT; substr takes an integer.
                conditions.append("(action = ? OR substr(action, 1, ?::integer) = ?)")
                arguments += [action, action.count + 1, action + "."]
            }
            if let office = search.office {
                conditions.append("office = ?")
                arguments.append(office)
            }
            if let actor = search.actor {
                conditions.append("actor = ?")
                arguments.append(actor)
            }
            if let subject = search.subject {
                // strpos, not LIKE: the text is matched as typed, % and _ included.
                conditions.append("strpos(subject, ?) > 0")
                arguments.append(subject)
            }
            if let from = search.from {
                conditions.append("time >= ?")
                arguments.append(from)
            }
            if let to = search.to {
                conditions.append("time < ?")
                arguments.append(to)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(max(0, limit))
            return try await session.fetchAll(AuditEntry.self, "SELECT * FROM audit \(filter) ORDER BY sequence DESC LIMIT ?", arguments)
        }
    }

    /// 稼働状況: the hub's totals.
    public func hubCounts() async throws -> HubCounts {
        try await self.read { session in
            var counts = HubCounts()
            counts.offices = try await session.scalar(Int.self, "SELECT COUNT(*) FROM office") ?? 0
            counts.accounts = try await session.scalar(Int.self, "SELECT COUNT(*) FROM account") ?? 0
            for row in try await session.rows("SELECT state, COUNT(*) AS count FROM unit GROUP BY state") {
                let state: String = try row.decode("state")
                counts.unitsByState[state] = try row.decode("count", as: Int.self)
            }
            counts.bodies = try await session.scalar(Int.self, "SELECT COUNT(*) FROM blob") ?? 0
            // The whole database's size, whichever schema the hub's tables are in.
            counts.databaseBytes = try await session.scalar(Int64.self, "SELECT pg_database_size(current_database())") ?? 0
            counts.mailsWaiting = try await session.scalar(Int.self, "SELECT COUNT(*) FROM notification WHERE nextAttemptAt IS NOT NULL") ?? 0
            counts.mailsFailed =
                try await session.scalar(
                    Int.self,
                    """
                    SELECT COUNT(*) FROM notification
                    WHERE sentAt IS NULL AND nextAttemptAt IS NULL AND lastError IS NOT NULL AND lastError NOT IN ('obsolete', 'no address')
                    """) ?? 0
            counts.pendingApplications = try await session.scalar(Int.self, "SELECT COUNT(*) FROM usageApplication WHERE state = 'pending'") ?? 0
            if let row = try await session.row("SELECT sequence, hash, time FROM audit ORDER BY sequence DESC LIMIT 1") {
                counts.auditHead = AuditPosition(sequence: try row.decode("sequence"), hash: try row.decode("hash"))
                counts.auditHeadTime = try row.decode("time", as: Double.self)
            }
            return counts
        }
    }
}
