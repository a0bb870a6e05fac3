// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// ネットワーク外の連携先 on PostgreSQL.
extension PostgresHubStore {
    /// Records a paper partner (ネットワーク外の連携先), one per 事業所番号 + 種類 and office.
    public func createPaperPartner(_ partner: PaperPartner, audit: AuditRecord) async throws -> PaperPartner {
        try await self.write { session in
            let exists = try await session.scalar(
                Bool.self, "SELECT EXISTS (SELECT 1 FROM paperPartner WHERE officeID = ? AND number = ? AND serviceType = ? AND removedAt IS NULL)",
                [partner.officeID, partner.number, partner.serviceType]) ?? false
            guard !exists else { throw HubStoreConflict.duplicatePaperPartner }
            var partner = partner
            partner.id = try await session.insertReturningID(partner)
            _ = try await self.append(audit, in: session)
            return partner
        }
    }

    /// The office's paper partners, by 事業所番号; removed ones too when asked.
    public func paperPartners(officeID: Int64, includingRemoved: Bool) async throws -> [PaperPartner] {
        try await self.read { session in
            try await session.fetchAll(
                PaperPartner.self,
                "SELECT * FROM paperPartner WHERE officeID = ? \(includingRemoved ? "" : "AND removedAt IS NULL") ORDER BY number, serviceType, id",
                [officeID])
        }
    }

    /// Removes a paper partner from the office's list at `time`; its deliveries stay.
    public func deletePaperPartner(officeID: Int64, id: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            let removed = try await session.changes(
                "UPDATE paperPartner SET removedAt = ? WHERE officeID = ? AND id = ? AND removedAt IS NULL RETURNING 1", [time, officeID, id])
            guard removed > 0 else { return false }
            _ = try await self.append(audit, in: session)
            return true
        }
    }

    /// Records one delivery on paper (FAX, 郵送 or 手渡し).
    public func recordPaperDelivery(_ delivery: PaperDelivery, audit: AuditRecord) async throws -> PaperDelivery {
        try await self.write { session in
            var delivery = delivery
            delivery.id = try await session.insertReturningID(delivery)
            _ = try await self.append(audit, in: session)
            return delivery
        }
    }

    /// The office's paper deliveries of `month` (YYYYMM), newest first.
    public func paperDeliveries(officeID: Int64, month: String) async throws -> [PaperDelivery] {
        try await self.read { session in
            try await session.fetchAll(
                PaperDelivery.self, "SELECT * FROM paperDelivery WHERE officeID = ? AND month = ? ORDER BY at DESC, id DESC", [officeID, month])
        }
    }
}
