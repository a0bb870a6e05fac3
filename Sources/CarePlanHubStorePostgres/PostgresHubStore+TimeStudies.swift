// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// タイムスタディ on PostgreSQL: one JSON document per office, kept as text as the hub wrote it.
extension PostgresHubStore {
    /// The office's タイムスタディ (JSON), nil when it has none.
    public func timeStudy(officeID: Int64) async throws -> String? {
        try await self.read { session in try await session.scalar(String.self, "SELECT study FROM timeStudy WHERE officeID = ?", [officeID]) }
    }

    /// The タイムスタディ of those of `officeIDs` that have one.
    public func timeStudies(officeIDs: [Int64]) async throws -> [Int64: String] {
        guard !officeIDs.isEmpty else { return [:] }
        return try await self.read { session in
            let rows = try await session.rows("SELECT officeID, study FROM timeStudy WHERE officeID = ANY(?)", [officeIDs])
            return Dictionary(
                uniqueKeysWithValues: try rows.map { (try $0.decode("officeID", as: Int64.self), try $0.decode("study", as: String.self)) })
        }
    }

    /// Stores (or with nil removes) the office's タイムスタディ.
    public func setTimeStudy(officeID: Int64, study: String?, at time: Double, audit: AuditRecord) async throws {
        try await self.write { session in
            if let study {
                try await session.execute(
                    """
                    INSERT INTO timeStudy (officeID, study, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (officeID) DO UPDATE SET study = excluded.study, updatedAt = excluded.updatedAt
                    """, [officeID, study, time])
            } else {
                try await session.execute("DELETE FROM timeStudy WHERE officeID = ?", [officeID])
            }
            _ = try await self.append(audit, in: session)
        }
    }
}
