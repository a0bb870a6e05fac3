// CarePlan Link — CarePlanHubStore
import GRDB

/// タイムスタディ on SQLite: one JSON document per office.
extension SQLiteHubStore {
    public func timeStudy(officeID: Int64) async throws -> String? {
        try await self.writer.read { db in try String.fetchOne(db, sql: "SELECT study FROM timeStudy WHERE officeID = ?", arguments: [officeID]) }
    }

    public func timeStudies(officeIDs: [Int64]) async throws -> [Int64: String] {
        guard !officeIDs.isEmpty else { return [:] }
        return try await self.writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT officeID, study FROM timeStudy WHERE officeID IN (SELECT value FROM json_each(?))",
                arguments: ["[" + officeIDs.map(String.init).joined(separator: ",") + "]"])
            return Dictionary(uniqueKeysWithValues: rows.map { (($0["officeID"] as Int64), ($0["study"] as String)) })
        }
    }

    public func setTimeStudy(officeID: Int64, study: String?, at time: Double, audit: AuditRecord) async throws {
        try await self.write { db in
            if let study {
                try db.execute(
                    sql: "INSERT INTO timeStudy (officeID, study, updatedAt) VALUES (?, ?, ?) ON CONFLICT (officeID) DO UPDATE SET study = excluded.study, updatedAt = excluded.updatedAt",
                    arguments: [officeID, study, time])
            } else {
                try db.execute(sql: "DELETE FROM timeStudy WHERE officeID = ?", arguments: [officeID])
            }
            _ = try self.append(audit, to: db)
        }
    }
}
