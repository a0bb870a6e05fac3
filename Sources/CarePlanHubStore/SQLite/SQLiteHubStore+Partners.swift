// CarePlan Link — CarePlanHubStore
import GRDB

/// 連携先 and the office directory on SQLite.
extension SQLiteHubStore {
    public func searchOffices(_ search: OfficeSearch, limit: Int) async throws -> [Office] {
        try await self.writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let text = search.text, !text.isEmpty {
                // instr, not LIKE: the text is matched as it is, with no wildcard to escape.
                conditions.append("(instr(name, ?) > 0 OR instr(number, ?) = 1)")
                arguments += [text, text]
            }
            if let code = search.municipalityCode, !code.isEmpty {
                conditions.append("instr(municipalityCode, ?) = 1")
                arguments += [code]
            }
            if let type = search.serviceType, !type.isEmpty {
                conditions.append("serviceType = ?")
                arguments += [type]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit]
            return try Office.fetchAll(db, sql: "SELECT * FROM office \(filter) ORDER BY number, serviceType LIMIT ?", arguments: arguments)
        }
    }

    public func partnerships(officeID: Int64) async throws -> [PartnerLink] {
        try await self.writer.read { db in
            let partnerships = try Partnership.fetchAll(
                db, sql: "SELECT * FROM partnership WHERE requesterOfficeID = ? OR recipientOfficeID = ?", arguments: [officeID, officeID])
            let others = partnerships.map { $0.other(than: officeID) }
            let offices = Dictionary(
                try Office.fetchAll(db, keys: others).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return partnerships.compactMap { partnership in
                offices[partnership.other(than: officeID)].map { PartnerLink(partnership: partnership, partner: $0) }
            }.sorted { ($0.partner.number, $0.partner.serviceType) < ($1.partner.number, $1.partner.serviceType) }
        }
    }

    public func partnership(between officeID: Int64, and otherOfficeID: Int64) async throws -> Partnership? {
        try await self.writer.read { db in try Self.partnership(officeID, otherOfficeID, in: db) }
    }

    public func requestPartnership(
        from officeID: Int64, to partnerOfficeID: Int64, at time: Double, audit: AuditRecord
    ) async throws -> (partnership: Partnership, changed: Bool) {
        try await self.write { db in
            if var existing = try Self.partnership(officeID, partnerOfficeID, in: db) {
                switch existing.state {
                case .linked:
                    return (existing, false)
                case .requested where existing.requesterOfficeID == officeID:
                    return (existing, false)
                case .requested:
                    // Both asked: that is an agreement, audited as a link.
                    existing.state = .linked
                    existing.answeredAt = time
                    try existing.update(db)
                    var linked = audit
                    linked.action = "partner.link"
                    _ = try self.append(linked, to: db)
                    return (existing, true)
                case .declined:
                    existing = Partnership(
                        id: existing.id, requesterOfficeID: officeID, recipientOfficeID: partnerOfficeID, state: .requested, requestedAt: time)
                }
                try existing.update(db)
                _ = try self.append(audit, to: db)
                return (existing, true)
            }
            var partnership = Partnership(requesterOfficeID: officeID, recipientOfficeID: partnerOfficeID, state: .requested, requestedAt: time)
            try partnership.insert(db)
            _ = try self.append(audit, to: db)
            return (partnership, true)
        }
    }

    public func answerPartnership(
        of officeID: Int64, from requesterOfficeID: Int64, accept: Bool, at time: Double, audit: AuditRecord
    ) async throws -> Partnership? {
        try await self.write { db in
            guard var partnership = try Self.partnership(officeID, requesterOfficeID, in: db), partnership.state == .requested,
                partnership.recipientOfficeID == officeID
            else { return nil }
            partnership.state = accept ? .linked : .declined
            partnership.answeredAt = time
            try partnership.update(db)
            _ = try self.append(audit, to: db)
            return partnership
        }
    }

    public func removePartnership(of officeID: Int64, with partnerOfficeID: Int64, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            guard let partnership = try Self.partnership(officeID, partnerOfficeID, in: db) else { return false }
            try partnership.delete(db)
            _ = try self.append(audit, to: db)
            return true
        }
    }

    public func setFavouritePartner(of officeID: Int64, partner partnerOfficeID: Int64, favourite: Bool, audit: AuditRecord) async throws -> Partnership? {
        try await self.write { db in
            guard var partnership = try Self.partnership(officeID, partnerOfficeID, in: db), partnership.state == .linked else { return nil }
            if partnership.requesterOfficeID == officeID { partnership.requesterFavourite = favourite } else { partnership.recipientFavourite = favourite }
            try partnership.update(db)
            _ = try self.append(audit, to: db)
            return partnership
        }
    }

    /// Read through the pair index (its expressions must be written as in the index for SQLite to use it).
    private static func partnership(_ officeID: Int64, _ otherOfficeID: Int64, in db: Database) throws -> Partnership? {
        try Partnership.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT * FROM partnership
                    WHERE min(requesterOfficeID, recipientOfficeID) = min(?1, ?2) AND max(requesterOfficeID, recipientOfficeID) = max(?1, ?2)
                    """), arguments: [officeID, otherOfficeID])
    }
}
