// CarePlan Link — CarePlanClient
public import CarePlanExchange
public import Foundation
import GRDB

/// Import results the hub has not been told yet (it was unreachable): kept in the store, in the same database as what
/// they describe, until ``ImportReporter`` delivers them.
extension ImportStore {
    /// Keeps an import report for the hub until ``removePendingReport(unitID:)``; a newer report of the same unit
    /// replaces it.
    public func queueReport(unitID: String, _ report: ImportReportRequest, now: Double = Date().timeIntervalSince1970) async throws {
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try await self.writer.write { db in
            try db.execute(
                sql: "INSERT INTO pendingReport (unitID, report, queuedAt) VALUES (?, ?, ?) ON CONFLICT (unitID) DO UPDATE SET report = excluded.report",
                arguments: [unitID, json, now])
        }
    }

    /// The queued reports, oldest first.
    public func pendingReports() async throws -> [(unitID: String, report: ImportReportRequest)] {
        let rows = try await self.writer.read { db in try Row.fetchAll(db, sql: "SELECT unitID, report FROM pendingReport ORDER BY queuedAt, unitID") }
        return try rows.map { row in
            let text: String = row["report"]
            return (row["unitID"], try JSONDecoder().decode(ImportReportRequest.self, from: Data(text.utf8)))
        }
    }

    public func removePendingReport(unitID: String) async throws {
        try await self.writer.write { db in try db.execute(sql: "DELETE FROM pendingReport WHERE unitID = ?", arguments: [unitID]) }
    }

}
