// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// 連携先 and the office directory on PostgreSQL.
extension PostgresHubStore {
    /// Offices matching the search (事業所検索), by 事業所番号 then サービス種類.
    public func searchOffices(_ search: OfficeSearch, limit: Int) async throws -> [Office] {
        try await self.read { session in
            var conditions: [String] = []
            var arguments: [any SQLArgumentConvertible] = []
            if let text = search.text, !text.isEmpty {
                // strpos, not LIKE: the text is matched as it is, with no wildcard to escape.
                conditions.append("(strpos(name, ?) > 0 OR strpos(number, ?) = 1)")
                arguments += [text, text]
            }
            if let code = search.municipalityCode, !code.isEmpty {
                conditions.append("strpos(municipalityCode, ?) = 1")
                arguments.append(code)
            }
            if let type = search.serviceType, !type.isEmpty {
                conditions.append("serviceType = ?")
                arguments.append(type)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(limit)
            return try await session.fetchAll(Office.self, "SELECT * FROM office \(filter) ORDER BY number, serviceType LIMIT ?", arguments)
        }
    }

    /// Every partnership of the office, each with the other office, by its 事業所番号.
    public func partnerships(officeID: Int64) async throws -> [PartnerLink] {
        try await self.read { session in
            let partnerships = try await session.fetchAll(
                Partnership.self, "SELECT * FROM partnership WHERE requesterOfficeID = ? OR recipientOfficeID = ?", [officeID, officeID])
            let others = partnerships.map { $0.other(than: officeID) }
            let partners = try await session.fetchAll(Office.self, "SELECT * FROM office WHERE id = ANY(?)", [others])
            let offices = Dictionary(partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return partnerships.compactMap { partnership in
                offices[partnership.other(than: officeID)].map { PartnerLink(partnership: partnership, partner: $0) }
            }.sorted { ($0.partner.number, $0.partner.serviceType) < ($1.partner.number, $1.partner.serviceType) }
        }
    }

    /// The partnership between two offices, whichever asked.
    public func partnership(between officeID: Int64, and otherOfficeID: Int64) async throws -> Partnership? {
        try await self.read { session in try await Self.partnership(officeID, otherOfficeID, in: session) }
    }

    /// Asks for a link (連携申請); a request the other way links at once.
    public func requestPartnership(
        from officeID: Int64, to partnerOfficeID: Int64, at time: Double, audit: AuditRecord
    ) async throws -> (partnership: Partnership, changed: Bool) {
        try await self.write { session in
            if var existing = try await Self.partnership(officeID, partnerOfficeID, in: session) {
                switch existing.state {
                case .linked:
                    return (existing, false)
                case .requested where existing.requesterOfficeID == officeID:
                    return (existing, false)
                case .requested:
                    // Both asked: that is an agreement, audited as a link.
                    existing.state = .linked
                    existing.answeredAt = time
                    try await session.execute(Partnership.updateSQL, existing.updateValues)
                    var linked = audit
                    linked.action = "partner.link"
                    _ = try await self.append(linked, in: session)
                    return (existing, true)
                case .declined:
                    existing = Partnership(
                        id: existing.id, requesterOfficeID: officeID, recipientOfficeID: partnerOfficeID, state: .requested, requestedAt: time)
                }
                try await session.execute(Partnership.updateSQL, existing.updateValues)
                _ = try await self.append(audit, in: session)
                return (existing, true)
            }
            var partnership = Partnership(requesterOfficeID: officeID, recipientOfficeID: partnerOfficeID, state: .requested, requestedAt: time)
            partnership.id = try await session.insertReturningID(partnership)
            _ = try await self.append(audit, in: session)
            return (partnership, true)
        }
    }

    /// Accepts or declines the open request `requesterOfficeID` made of the office.
    public func answerPartnership(
        of officeID: Int64, from requesterOfficeID: Int64, accept: Bool, at time: Double, audit: AuditRecord
    ) async throws -> Partnership? {
        try await self.write { session in
            guard var partnership = try await Self.partnership(officeID, requesterOfficeID, in: session), partnership.state == .requested,
                partnership.recipientOfficeID == officeID
            else { return nil }
            partnership.state = accept ? .linked : .declined
            partnership.answeredAt = time
            try await session.execute(Partnership.updateSQL, partnership.updateValues)
            _ = try await self.append(audit, in: session)
            return partnership
        }
    }

    /// Ends whatever is between two offices.
    public func removePartnership(of officeID: Int64, with partnerOfficeID: Int64, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            guard let partnership = try await Self.partnership(officeID, partnerOfficeID, in: session) else { return false }
            try await session.execute("DELETE FROM partnership WHERE id = ?", [partnership.id])
            _ = try await self.append(audit, in: session)
            return true
        }
    }

    /// Marks or unmarks a linked partner as the office's favourite (お気に入り).
    public func setFavouritePartner(of officeID: Int64, partner partnerOfficeID: Int64, favourite: Bool, audit: AuditRecord) async throws -> Partnership? {
        try await self.write { session in
            guard var partnership = try await Self.partnership(officeID, partnerOfficeID, in: session), partnership.state == .linked else { return nil }
            if partnership.requesterOfficeID == officeID { partnership.requesterFavourite = favourite } else { partnership.recipientFavourite = favourite }
            try await session.execute(Partnership.updateSQL, partnership.updateValues)
            _ = try await self.append(audit, in: session)
            return partnership
        }
    }

    /// Read through the pair index (its expressions must be written as in the index for PostgreSQL to use it).
    private static func partnership(_ officeID: Int64, _ otherOfficeID: Int64, in session: PostgresSession) async throws -> Partnership? {
        try await session.fetchOne(
            Partnership.self,
            """
            SELECT * FROM partnership
            WHERE LEAST(requesterOfficeID, recipientOfficeID) = LEAST(?, ?) AND GREATEST(requesterOfficeID, recipientOfficeID) = GREATEST(?, ?)
            """, [officeID, otherOfficeID, officeID, otherOfficeID])
    }
}
