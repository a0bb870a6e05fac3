// CarePlan Link — CarePlanHubStore
import GRDB

/// ネットワーク外の連携先 on SQLite.
extension SQLiteHubStore {
    public func createPaperPartner(_ partner: PaperPartner, audit: AuditRecord) async throws -> PaperPartner {
        try await self.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM paperPartner WHERE officeID = ? AND number = ? AND serviceType = ?)",
                arguments: [partner.officeID, partner.number, partner.serviceType]) ?? false
            guard !exists else { throw HubStoreConflict.duplicatePaperPartner }
            var partner = partner
            try partner.insert(db)
            _ = try self.append(audit, to: db)
            return partner
        }
    }

    public func paperPartners(officeID: Int64) async throws -> [PaperPartner] {
        try await self.writer.read { db in
            try PaperPartner.fetchAll(db, sql: "SELECT * FROM paperPartner WHERE officeID = ? ORDER BY number, serviceType", arguments: [officeID])
        }
    }

    public func deletePaperPartner(officeID: Int64, id: Int64, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(sql: "DELETE FROM paperDelivery WHERE officeID = ? AND paperPartnerID = ?", arguments: [officeID, id])
            try db.execute(sql: "DELETE FROM paperPartner WHERE officeID = ? AND id = ?", arguments: [officeID, id])
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
