// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// 利用期間 on PostgreSQL.
extension PostgresHubStore {
    /// Stores a 利用期間 and returns it with its id.
    public func createUsagePeriod(_ period: UsagePeriod, audit: AuditRecord) async throws -> UsagePeriod {
        try await self.write { session in
            var period = period
            period.id = try await session.insertReturningID(period)
            _ = try await self.append(audit, in: session)
            return period
        }
    }

    /// The office's 利用期間, by start.
    public func usagePeriods(officeID: Int64) async throws -> [UsagePeriod] {
        try await self.read { session in
            try await session.fetchAll(UsagePeriod.self, "SELECT * FROM usagePeriod WHERE officeID = ? ORDER BY startsAt, id", [officeID])
        }
    }

    /// Every office's 利用期間, by office then start.
    public func usagePeriods() async throws -> [UsagePeriod] {
        try await self.read { session in try await session.fetchAll(UsagePeriod.self, "SELECT * FROM usagePeriod ORDER BY officeID, startsAt, id") }
    }

    /// Deletes a 利用期間; false when there is no such period.
    public func deleteUsagePeriod(id: Int64, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            guard try await session.changes("DELETE FROM usagePeriod WHERE id = ? RETURNING 1", [id]) > 0 else { return false }
            _ = try await self.append(audit, in: session)
            return true
        }
    }
}
