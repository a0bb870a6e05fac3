// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// 自治体, model regions (モデル地域) and their counts on PostgreSQL.
extension PostgresHubStore {
    /// Records an authority (自治体), one per kind and code.
    public func createAuthority(_ authority: Authority, audit: AuditRecord) async throws -> Authority {
        try await self.write { session in
            let exists = try await session.scalar(
                Bool.self, "SELECT EXISTS (SELECT 1 FROM authority WHERE kind = ? AND code = ?)", [authority.kind.rawValue, authority.code]) ?? false
            guard !exists else { throw HubStoreConflict.duplicateName }
            var authority = authority
            authority.id = try await session.insertReturningID(authority)
            _ = try await self.append(audit, in: session)
            return authority
        }
    }

    /// The authority of `id`.
    public func authority(id: Int64) async throws -> Authority? {
        try await self.read { session in try await session.fetchOne(Authority.self, "SELECT * FROM authority WHERE id = ?", [id]) }
    }

    /// Every authority, by code.
    public func authorities() async throws -> [Authority] {
        try await self.read { session in try await session.fetchAll(Authority.self, "SELECT * FROM authority ORDER BY code, kind") }
    }

    /// Creates a model region (モデル地域), one per authority and name.
    public func createRegion(_ region: Region, audit: AuditRecord) async throws -> Region {
        try await self.write { session in
            let exists = try await session.scalar(
                Bool.self, "SELECT EXISTS (SELECT 1 FROM region WHERE authorityID = ? AND name = ?)", [region.authorityID, region.name]) ?? false
            guard !exists else { throw HubStoreConflict.duplicateName }
            var region = region
            region.id = try await session.insertReturningID(region)
            _ = try await self.append(audit, in: session)
            return region
        }
    }

    /// The region of `id`.
    public func region(id: Int64) async throws -> Region? {
        try await self.read { session in try await session.fetchOne(Region.self, "SELECT * FROM region WHERE id = ?", [id]) }
    }

    /// The regions of the authorities, by authority then creation.
    public func regions(authorityIDs: [Int64]) async throws -> [Region] {
        guard !authorityIDs.isEmpty else { return [] }
        return try await self.read { session in
            try await session.fetchAll(Region.self, "SELECT * FROM region WHERE authorityID = ANY(?) ORDER BY authorityID, id", [authorityIDs])
        }
    }

    /// Replaces or clears the region's savings-estimate parameters (試算の前提).
    public func setRegionEstimate(regionID: Int64, estimate: String?, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            let changed = try await session.changes("UPDATE region SET estimate = ? WHERE id = ? RETURNING 1", [estimate, regionID])
            guard changed > 0 else { return false }
            _ = try await self.append(audit, in: session)
            return true
        }
    }

    /// Invites offices to a region (招待), each audited with its office.
    public func inviteToRegion(regionID: Int64, officeIDs: [Int64], at time: Double, audit: AuditRecord) async throws -> Int {
        try await self.write { session in
            var invited = 0
            for officeID in Set(officeIDs).sorted() {
                if let member = try await Self.member(regionID: regionID, officeID: officeID, in: session), member.state != .declined { continue }
                let member = RegionMember(regionID: regionID, officeID: officeID, state: .invited, invitedAt: time)
                try await session.execute(RegionMember.upsertSQL, member.insertValues)
                var record = audit
                record.subject = audit.subject.isEmpty ? "office:\(officeID)" : "\(audit.subject) office:\(officeID)"
                _ = try await self.append(record, in: session)
                invited += 1
            }
            return invited
        }
    }

    /// The office joins (参加) or declines (辞退) its open invitation.
    public func answerRegionInvitation(regionID: Int64, officeID: Int64, join: Bool, at time: Double, audit: AuditRecord) async throws -> RegionMember? {
        try await self.write { session in
            guard var member = try await Self.member(regionID: regionID, officeID: officeID, in: session), member.state == .invited else { return nil }
            member.state = join ? .joined : .declined
            member.answeredAt = time
            try await session.execute(RegionMember.updateSQL, member.updateValues)
            _ = try await self.append(audit, in: session)
            return member
        }
    }

    /// Takes an office out of a region; its open proposals there end as declined.
    public func removeRegionMember(regionID: Int64, officeID: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { session in
            let removed = try await session.changes(
                "DELETE FROM regionMember WHERE regionID = ? AND officeID = ? RETURNING 1", [regionID, officeID])
            guard removed > 0 else { return false }
            // The office's open proposals in the region end with it.
            try await session.execute(
                """
                UPDATE linkProposal SET state = 'declined', answeredAt = ?
                WHERE regionID = ? AND state = 'open' AND (firstOfficeID = ? OR secondOfficeID = ?)
                """, [time, regionID, officeID, officeID])
            _ = try await self.append(audit, in: session)
            return true
        }
    }

    /// The region's offices in every state, by 事業所番号.
    public func regionMembers(regionID: Int64) async throws -> [RegionMemberOffice] {
        try await self.read { session in
            let members = try await session.fetchAll(RegionMember.self, "SELECT * FROM regionMember WHERE regionID = ?", [regionID])
            let memberOffices = try await session.fetchAll(Office.self, "SELECT * FROM office WHERE id = ANY(?)", [members.map(\.officeID)])
            let offices = Dictionary(memberOffices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return members.compactMap { member in offices[member.officeID].map { RegionMemberOffice(member: member, office: $0) } }
                .sorted { ($0.office.number, $0.office.serviceType) < ($1.office.number, $1.office.serviceType) }
        }
    }

    /// The regions the office was invited to, each with its municipality.
    public func regionInvitations(officeID: Int64) async throws -> [RegionInvitation] {
        try await self.read { session in
            let members = try await session.fetchAll(RegionMember.self, "SELECT * FROM regionMember WHERE officeID = ? ORDER BY regionID", [officeID])
            let invitingRegions = try await session.fetchAll(Region.self, "SELECT * FROM region WHERE id = ANY(?)", [members.map(\.regionID)])
            let regions = Dictionary(invitingRegions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let authorityIDs = Array(Set(regions.values.map(\.authorityID)))
            let regionAuthorities = try await session.fetchAll(Authority.self, "SELECT * FROM authority WHERE id = ANY(?)", [authorityIDs])
            let authorities = Dictionary(regionAuthorities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return members.compactMap { member in
                guard let region = regions[member.regionID], let authority = authorities[region.authorityID] else { return nil }
                return RegionInvitation(region: region, authority: authority, member: member)
            }
        }
    }

    /// Proposes that two joined members link (連携の提案); an open proposal of the pair is returned as it is.
    public func proposeLink(
        regionID: Int64, between officeID: Int64, and otherOfficeID: Int64, at time: Double, audit: AuditRecord
    ) async throws -> (proposal: LinkProposal, created: Bool) {
        try await self.write { session in
            let (first, second) = (min(officeID, otherOfficeID), max(officeID, otherOfficeID))
            let joined = try await session.scalar(
                Int.self, "SELECT count(*) FROM regionMember WHERE regionID = ? AND state = 'joined' AND officeID IN (?, ?)", [regionID, first, second]) ?? 0
            guard first != second, joined == 2 else { throw HubStoreConflict.notRegionMember }
            if let open = try await session.fetchOne(
                LinkProposal.self, "SELECT * FROM linkProposal WHERE regionID = ? AND firstOfficeID = ? AND secondOfficeID = ? AND state = 'open'",
                [regionID, first, second])
            {
                return (open, false)
            }
            var proposal = LinkProposal(regionID: regionID, firstOfficeID: first, secondOfficeID: second, proposedAt: time)
            proposal.id = try await session.insertReturningID(proposal)
            _ = try await self.append(audit, in: session)
            return (proposal, true)
        }
    }

    /// One office accepts or declines an open proposal; the second acceptance links the offices.
    public func answerLinkProposal(id: Int64, officeID: Int64, accept: Bool, at time: Double, audit: AuditRecord) async throws -> LinkProposal? {
        try await self.write { session in
            guard var proposal = try await session.fetchOne(LinkProposal.self, "SELECT * FROM linkProposal WHERE id = ?", [id]),
                proposal.state == .open, proposal.concerns(officeID)
            else { return nil }
            guard accept else {
                proposal.state = .declined
                proposal.answeredAt = time
                try await session.execute(LinkProposal.updateSQL, proposal.updateValues)
                _ = try await self.append(audit, in: session)
                return proposal
            }
            if officeID == proposal.firstOfficeID { proposal.firstAccepted = true } else { proposal.secondAccepted = true }
            _ = try await self.append(audit, in: session)
            if proposal.firstAccepted && proposal.secondAccepted {
                proposal.state = .accepted
                proposal.answeredAt = time
                try await self.link(proposal, at: time, audit: audit, in: session)
            }
            try await session.execute(LinkProposal.updateSQL, proposal.updateValues)
            return proposal
        }
    }

    /// Both offices accepted: whatever was between them (nothing, a request either way, a declined request) becomes a
    /// link, audited as `partner.link`; a link stays as it is.
    private func link(_ proposal: LinkProposal, at time: Double, audit: AuditRecord, in session: PostgresSession) async throws {
        var linked = audit
        linked.action = "partner.link"
        linked.subject = "proposal:\(proposal.id)"
        // firstOfficeID < secondOfficeID: the pair index's LEAST and GREATEST.
        if var partnership = try await session.fetchOne(
            Partnership.self,
            "SELECT * FROM partnership WHERE LEAST(requesterOfficeID, recipientOfficeID) = ? AND GREATEST(requesterOfficeID, recipientOfficeID) = ?",
            [proposal.firstOfficeID, proposal.secondOfficeID])
        {
            guard partnership.state != .linked else { return }
            partnership.state = .linked
            partnership.answeredAt = time
            try await session.execute(Partnership.updateSQL, partnership.updateValues)
        } else {
            let partnership = Partnership(
                requesterOfficeID: proposal.firstOfficeID, recipientOfficeID: proposal.secondOfficeID, state: .linked, requestedAt: proposal.proposedAt,
                answeredAt: time)
            _ = try await session.insertReturningID(partnership)
        }
        _ = try await self.append(linked, in: session)
    }

    /// A region's proposals in every state, newest first.
    public func linkProposals(regionID: Int64) async throws -> [LinkProposal] {
        try await self.read { session in
            try await session.fetchAll(
                LinkProposal.self, "SELECT * FROM linkProposal WHERE regionID = ? ORDER BY proposedAt DESC, id DESC", [regionID])
        }
    }

    /// The open proposals concerning the office, oldest first.
    public func openLinkProposals(officeID: Int64) async throws -> [LinkProposal] {
        try await self.read { session in
            try await session.fetchAll(
                LinkProposal.self, "SELECT * FROM linkProposal WHERE state = 'open' AND (firstOfficeID = ? OR secondOfficeID = ?) ORDER BY proposedAt, id",
                [officeID, officeID])
        }
    }

    /// How many linked partners each office has (offices without any are missing).
    public func linkedPartnerCounts(officeIDs: [Int64]) async throws -> [Int64: Int] {
        guard !officeIDs.isEmpty else { return [:] }
        return try await self.read { session in
            let rows = try await session.rows(
                """
                SELECT officeID, count(*) AS partners FROM (
                    SELECT requesterOfficeID AS officeID FROM partnership WHERE state = 'linked' AND requesterOfficeID = ANY(?)
                    UNION ALL
                    SELECT recipientOfficeID AS officeID FROM partnership WHERE state = 'linked' AND recipientOfficeID = ANY(?)) AS sides
                GROUP BY officeID
                """, [officeIDs, officeIDs])
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode("officeID", as: Int64.self), try $0.decode("partners", as: Int.self)) })
        }
    }

    /// Units sent or received by the offices, counted per sender, recipient, month (Japan time) and combination.
    public func exchangeTallies(officeIDs: [Int64], from: Double, to: Double) async throws -> [ExchangeTally] {
        guard !officeIDs.isEmpty else { return [] }
        return try await self.read { session in
            // The month is Japan's (UTC+9, no daylight saving). Each side's index (unit_outbox, unit_inbox) serves its
            // half; a unit between two listed offices is found by both halves and counted once (UNION, not UNION ALL,
            // on the unit's id).
            let received = "state IN ('downloaded', 'imported', 'importRefused')"
            let rows = try await session.rows(
                """
                SELECT senderOfficeID, recipientOfficeID, to_char(to_timestamp(createdAt + 32400) AT TIME ZONE 'UTC', 'YYYYMM') AS month, pattern,
                    count(*) AS units,
                    count(*) FILTER (WHERE \(received)) AS received,
                    min(createdAt) FILTER (WHERE \(received)) AS firstReceivedAt,
                    max(createdAt) AS lastAt
                FROM (
                    SELECT id, senderOfficeID, recipientOfficeID, createdAt, pattern, state FROM unit
                        WHERE senderOfficeID = ANY(?) AND createdAt >= ? AND createdAt < ? AND state <> 'withdrawn'
                    UNION
                    SELECT id, senderOfficeID, recipientOfficeID, createdAt, pattern, state FROM unit
                        WHERE recipientOfficeID = ANY(?) AND createdAt >= ? AND createdAt < ? AND state <> 'withdrawn') AS listed
                GROUP BY senderOfficeID, recipientOfficeID, month, pattern
                ORDER BY month, senderOfficeID, recipientOfficeID, pattern
                """, [officeIDs, from, to, officeIDs, from, to])
            return try rows.map { row in
                ExchangeTally(
                    senderOfficeID: try row.decode("senderOfficeID"), recipientOfficeID: try row.decode("recipientOfficeID"),
                    month: try row.decode("month"), pattern: try row.decode("pattern"), units: try row.decode("units"),
                    received: try row.decode("received"), firstReceivedAt: try row.decode("firstReceivedAt"), lastAt: try row.decode("lastAt"))
            }
        }
    }

    /// The member of `regionID` that is `officeID`, nil when the office is not in the region.
    private static func member(regionID: Int64, officeID: Int64, in session: PostgresSession) async throws -> RegionMember? {
        try await session.fetchOne(RegionMember.self, "SELECT * FROM regionMember WHERE regionID = ? AND officeID = ?", [regionID, officeID])
    }
}
