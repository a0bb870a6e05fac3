// CarePlan Link — CarePlanHubStore
import CarePlanExchange
import GRDB

/// The operator's reads on SQLite: the audit search and the hub's totals.
extension SQLiteHubStore {
    public func searchAudit(_ search: AuditSearch, beforeSequence: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await self.writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let before = beforeSequence {
                conditions.append("sequence < ?")
                arguments += [before]
            }
            if let action = search.action {
                conditions.append("(action = ? OR substr(action, 1, ?) = ?)")
                arguments += [action, action.count + 1, action + "."]
            }
            if let office = search.office {
                conditions.append("office = ?")
                arguments += [office]
            }
            if let actor = search.actor {
                conditions.append("actor = ?")
                arguments += [actor]
            }
            if let subject = search.subject {
                // instr, not LIKE: the text is matched as typed, % and _ included.
                conditions.append("instr(subject, ?) > 0")
                arguments += [subject]
            }
            if let from = search.from {
                conditions.append("time >= ?")
                arguments += [from]
            }
            if let to = search.to {
                conditions.append("time < ?")
                arguments += [to]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [max(0, limit)]
            return try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit \(filter) ORDER BY sequence DESC LIMIT ?", arguments: arguments)
        }
    }

    public func hubCounts() async throws -> HubCounts {
        try await self.writer.read { db in
            var counts = HubCounts()
            counts.offices = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM office") ?? 0
            counts.accounts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS count FROM unit GROUP BY state") {
                counts.unitsByState[row["state"]] = row["count"]
            }
            counts.bodies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blob") ?? 0
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            counts.databaseBytes = pages * pageSize
            counts.mailsWaiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notification WHERE nextAttemptAt IS NOT NULL") ?? 0
            counts.mailsFailed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notification WHERE sentAt IS NULL AND nextAttemptAt IS NULL AND lastError IS NOT NULL AND lastError NOT IN ('obsolete', 'no address')") ?? 0
            counts.pendingApplications = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usageApplication WHERE state = 'pending'") ?? 0
            if let row = try Row.fetchOne(db, sql: "SELECT sequence, hash, time FROM audit ORDER BY sequence DESC LIMIT 1") {
                counts.auditHead = AuditPosition(sequence: row["sequence"], hash: row["hash"])
                counts.auditHeadTime = row["time"]
            }
            return counts
        }
    }
}
