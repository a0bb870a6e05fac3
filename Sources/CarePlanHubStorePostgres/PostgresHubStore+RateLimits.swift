// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// Request rate limits shared by every hub process on the database.
extension PostgresHubStore: SharedRateLimits {
    /// One statement, without the hub-wide write lock: the upsert locks the bucket's row, so parallel takes of one key
    /// in any process are serialised there and nowhere else. `taken` records whether this take found a token.
    public func takeRateToken(key: String, perMinute: Double, at time: Double) async throws -> Double? {
        try await self.read { session -> Double? in
            guard
                let row = try await session.row(
                    """
                    INSERT INTO rateBucket AS b (key, tokens, updatedAt, taken) VALUES (?, ?::float8 - 1, ?, true)
                    ON CONFLICT (key) DO UPDATE SET
                        taken = LEAST(excluded.tokens + 1, b.tokens + GREATEST(0, excluded.updatedAt - b.updatedAt) * (excluded.tokens + 1) / 60) >= 1,
                        tokens = LEAST(excluded.tokens + 1, b.tokens + GREATEST(0, excluded.updatedAt - b.updatedAt) * (excluded.tokens + 1) / 60)
                            - CASE WHEN LEAST(excluded.tokens + 1, b.tokens + GREATEST(0, excluded.updatedAt - b.updatedAt) * (excluded.tokens + 1) / 60) >= 1
                                THEN 1 ELSE 0 END,
                        updatedAt = GREATEST(b.updatedAt, excluded.updatedAt)
                    RETURNING taken, tokens
                    """, [key, perMinute, time])
            else { throw PostgresHubStoreError.invalidValue(column: "rateBucket", value: key) }
            if try row.decode("taken", as: Bool.self) { return nil }
            let tokens: Double = try row.decode("tokens")
            return (1 - tokens) * 60 / perMinute
        }
    }
}
