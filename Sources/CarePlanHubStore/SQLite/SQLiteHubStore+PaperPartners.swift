// CarePlan Link — CarePlanHubStore
import GRDB

/// ネットワーク外の連携先 on SQLite.
extension SQLiteHubStore {
    public func createPaperPartner(_ partner: PaperPartner, audit: AuditRecord) async throws -> PaperPartner {
        try await self.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM paperPartner WHERE officeID = ? AND number = ? AND serviceType = ? AND removedAt IS NULL)",
                arguments: [partner.officeID, partner.number, partner.serviceType]) ?? false
            guard !exists else { throw HubStoreConflict.duplicatePaperPartner }
            var partner = partner
            try partner.insert(db)
            _ = try self.append(audit, to: db)
            return partner
        }
    }

    public func paperPartners(officeID: Int64, includingRemoved: Bool) async throws -> [PaperPartner] {
        try await self.writer.read { db in
            try PaperPartner.fetchAll(
                db, sql: "SELECT * FROM paperPartner WHERE officeID = ? \(includingRemoved ? "" : "AND removedAt IS NULL") ORDER BY number, serviceType, id",
                arguments: [officeID])
        }
    }

    public func deletePaperPartner(officeID: Int64, id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(
                sql: "UPDATE paperPartner SET removedAt = ? WHERE officeID = ? AND id = ? AND removedAt IS NULL", arguments: [time, officeID, id])
            guard db.changesCount > 0 else { return false }
            _ = try self.append(audit, to: db)
            return true
        }
    }

    public func recordPaperDelivery(_ delivery: PaperDelivery, audit: AuditRecord) async throws -> PaperDelivery {
        try await self.write { db in
            var delivery = delivery
            try delivery.insert(db)
            _ = try self.append(audit, to: db)
            return delivery
        }
    }

    public func paperDeliveries(officeID: Int64, month: String) async throws -> [PaperDelivery] {
        try await self.writer.read { db in
            try PaperDelivery.fetchAll(
                db, sql: "SELECT * FROM paperDelivery WHERE officeID = ? AND month = ? ORDER BY at DESC, id DESC", arguments: [officeID, month])
        }
    }
}
