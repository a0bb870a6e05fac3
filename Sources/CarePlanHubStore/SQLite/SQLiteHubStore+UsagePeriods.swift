// CarePlan Link — CarePlanHubStore
import GRDB

/// 利用期間 on SQLite.
extension SQLiteHubStore {
    public func createUsagePeriod(_ period: UsagePeriod, audit: AuditRecord) async throws -> UsagePeriod {
        try await self.write { db in
            var period = period
            try period.insert(db)
            _ = try self.append(audit, to: db)
            return period
        }
    }

    public func usagePeriods(officeID: Int64) async throws -> [UsagePeriod] {
        try await self.writer.read { db in
            try UsagePeriod.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM usagePeriod WHERE officeID = ? ORDER BY startsAt, id"), arguments: [officeID])
        }
    }

    public func usagePeriods() async throws -> [UsagePeriod] {
        try await self.writer.read { db in try UsagePeriod.fetchAll(db, sql: "SELECT * FROM usagePeriod ORDER BY officeID, startsAt, id") }
    }

    public func deleteUsagePeriod(id: Int64, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            guard try UsagePeriod.deleteOne(db, key: id) else { return false }
            _ = try self.append(audit, to: db)
            return true
        }
    }
}
