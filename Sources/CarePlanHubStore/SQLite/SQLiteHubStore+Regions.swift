// CarePlan Link — CarePlanHubStore
import GRDB

/// 自治体, model regions (モデル地域) and their counts on SQLite.
extension SQLiteHubStore {
    public func createAuthority(_ authority: Authority, audit: AuditRecord) async throws -> Authority {
        try await self.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM authority WHERE kind = ? AND code = ?)", arguments: [authority.kind.rawValue, authority.code]) ?? false
            guard !exists else { throw HubStoreConflict.duplicateName }
            var authority = authority
            try authority.insert(db)
            _ = try self.append(audit, to: db)
            return authority
        }
    }

    public func authority(id: Int64) async throws -> Authority? {
        try await self.writer.read { db in try Authority.fetchOne(db, key: id) }
    }

    public func authorities() async throws -> [Authority] {
        try await self.writer.read { db in try Authority.fetchAll(db, sql: "SELECT * FROM authority ORDER BY code, kind") }
    }

    public func createRegion(_ region: Region, audit: AuditRecord) async throws -> Region {
        try await self.write { db in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM region WHERE authorityID = ? AND name = ?)", arguments: [region.authorityID, region.name]) ?? false
            guard !exists else { throw HubStoreConflict.duplicateName }
            var region = region
            try region.insert(db)
            _ = try self.append(audit, to: db)
            return region
        }
    }

    public func region(id: Int64) async throws -> Region? {
        try await self.writer.read { db in try Region.fetchOne(db, key: id) }
    }

    public func regions(authorityIDs: [Int64]) async throws -> [Region] {
        guard !authorityIDs.isEmpty else { return [] }
        return try await self.writer.read { db in
            try Region.fetchAll(
                db, sql: "SELECT * FROM region WHERE authorityID IN (SELECT value FROM json_each(?)) ORDER BY authorityID, id",
                arguments: [Self.jsonList(authorityIDs)])
        }
    }

    public func setRegionEstimate(regionID: Int64, estimate: String?, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(sql: "UPDATE region SET estimate = ? WHERE id = ?", arguments: [estimate, regionID])
            guard db.changesCount > 0 else { return false }
            _ = try self.append(audit, to: db)
            return true
        }
    }

    public func inviteToRegion(regionID: Int64, officeIDs: [Int64], at time: Double, audit: AuditRecord) async throws -> Int {
        try await self.write { db in
            var invited = 0
            for officeID in Set(officeIDs).sorted() {
                if let member = try RegionMember.fetchOne(db, key: ["regionID": regionID, "officeID": officeID]), member.state != .declined { continue }
                try RegionMember(regionID: regionID, officeID: officeID, state: .invited, invitedAt: time).save(db)
                var record = audit
                record.subject = audit.subject.isEmpty ? "office:\(officeID)" : "\(audit.subject) office:\(officeID)"
                _ = try self.append(record, to: db)
                invited += 1
            }
            return invited
        }
    }

    public func answerRegionInvitation(regionID: Int64, officeID: Int64, join: Bool, at time: Double, audit: AuditRecord) async throws -> RegionMember? {
        try await self.write { db in
            guard var member = try RegionMember.fetchOne(db, key: ["regionID": regionID, "officeID": officeID]), member.state == .invited else { return nil }
            member.state = join ? .joined : .declined
            member.answeredAt = time
            try member.update(db)
            _ = try self.append(audit, to: db)
            return member
        }
    }

    public func removeRegionMember(regionID: Int64, officeID: Int64, at time: Double, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            guard try RegionMember.deleteOne(db, key: ["regionID": regionID, "officeID": officeID]) else { return false }
            // The office's open proposals in the region end with it.
            try db.execute(
                sql: "UPDATE linkProposal SET state = 'declined', answeredAt = ? WHERE regionID = ? AND state = 'open' AND (firstOfficeID = ? OR secondOfficeID = ?)",
                arguments: [time, regionID, officeID, officeID])
            _ = try self.append(audit, to: db)
            return true
        }
    }

    public func regionMembers(regionID: Int64) async throws -> [RegionMemberOffice] {
        try await self.writer.read { db in
            let members = try RegionMember.fetchAll(db, sql: "SELECT * FROM regionMember WHERE regionID = ?", arguments: [regionID])
            let offices = Dictionary(try Office.fetchAll(db, keys: members.map(\.officeID)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return members.compactMap { member in offices[member.officeID].map { RegionMemberOffice(member: member, office: $0) } }
                .sorted { ($0.office.number, $0.office.serviceType) < ($1.office.number, $1.office.serviceType) }
        }
    }

    public func regionInvitations(officeID: Int64) async throws -> [RegionInvitation] {
        try await self.writer.read { db in
            let members = try RegionMember.fetchAll(db, sql: "SELECT * FROM regionMember WHERE officeID = ? ORDER BY regionID", arguments: [officeID])
            let regions = Dictionary(try Region.fetchAll(db, keys: members.map(\.regionID)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let authorities = Dictionary(
                try Authority.fetchAll(db, keys: Set(regions.values.map(\.authorityID))).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return members.compactMap { member in
                guard let region = regions[member.regionID], let authority = authorities[region.authorityID] else { return nil }
                return RegionInvitation(region: region, authority: authority, member: member)
            }
        }
    }

    public func proposeLink(
        regionID: Int64, between officeID: Int64, and otherOfficeID: Int64, at time: Double, audit: AuditRecord
    ) async throws -> (proposal: LinkProposal, created: Bool) {
        try await self.write { db in
            let (first, second) = (min(officeID, otherOfficeID), max(officeID, otherOfficeID))
            let joined = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM regionMember WHERE regionID = ? AND state = 'joined' AND officeID IN (?, ?)",
                arguments: [regionID, first, second]) ?? 0
            guard first != second, joined == 2 else { throw HubStoreConflict.notRegionMember }
            if let open = try LinkProposal.fetchOne(
                db, sql: "SELECT * FROM linkProposal WHERE regionID = ? AND firstOfficeID = ? AND secondOfficeID = ? AND state = 'open'",
                arguments: [regionID, first, second])
            {
                return (open, false)
            }
            var proposal = LinkProposal(regionID: regionID, firstOfficeID: first, secondOfficeID: second, proposedAt: time)
            try proposal.insert(db)
            _ = try self.append(audit, to: db)
            return (proposal, true)
        }
    }

    public func answerLinkProposal(id: Int64, officeID: Int64, accept: Bool, at time: Double, audit: AuditRecord) async throws -> LinkProposal? {
        try await self.write { db in
            guard var proposal = try LinkProposal.fetchOne(db, key: id), proposal.state == .open, proposal.concerns(officeID) else { return nil }
            guard accept else {
                proposal.state = .declined
                proposal.answeredAt = time
                try proposal.update(db)
                _ = try self.append(audit, to: db)
                return proposal
            }
            if officeID == proposal.firstOfficeID { proposal.firstAccepted = true } else { proposal.secondAccepted = true }
            _ = try self.append(audit, to: db)
            if proposal.firstAccepted && proposal.secondAccepted {
                proposal.state = .accepted
                proposal.answeredAt = time
                try self.link(proposal, at: time, audit: audit, in: db)
            }
            try proposal.update(db)
            return proposal
        }
    }

    /// Both offices accepted: whatever was between them (nothing, a request either way, a declined request) becomes a
    /// link, audited as `partner.link`; a link stays as it is.
    private func link(_ proposal: LinkProposal, at time: Double, audit: AuditRecord, in db: Database) throws {
        var linked = audit
        linked.action = "partner.link"
        linked.subject = "proposal:\(proposal.id)"
        if var partnership = try Partnership.fetchOne(
            db, sql: "SELECT * FROM partnership WHERE min(requesterOfficeID, recipientOfficeID) = ? AND max(requesterOfficeID, recipientOfficeID) = ?",
            arguments: [proposal.firstOfficeID, proposal.secondOfficeID])
        {
            guard partnership.state != .linked else { return }
            partnership.state = .linked
            partnership.answeredAt = time
            try partnership.update(db)
        } else {
            var partnership = Partnership(
                requesterOfficeID: proposal.firstOfficeID, recipientOfficeID: proposal.secondOfficeID, state: .linked, requestedAt: proposal.proposedAt,
                answeredAt: time)
            try partnership.insert(db)
        }
        _ = try self.append(linked, to: db)
    }

    public func linkProposals(regionID: Int64) async throws -> [LinkProposal] {
        try await self.writer.read { db in
            try LinkProposal.fetchAll(db, sql: "SELECT * FROM linkProposal WHERE regionID = ? ORDER BY proposedAt DESC, id DESC", arguments: [regionID])
        }
    }

    public func openLinkProposals(officeID: Int64) async throws -> [LinkProposal] {
        try await self.writer.read { db in
            try LinkProposal.fetchAll(
                db, sql: "SELECT * FROM linkProposal WHERE state = 'open' AND (firstOfficeID = ?1 OR secondOfficeID = ?1) ORDER BY proposedAt, id",
                arguments: [officeID])
        }
    }

    public func linkedPartnerCounts(officeIDs: [Int64]) async throws -> [Int64: Int] {
        guard !officeIDs.isEmpty else { return [:] }
        return try await self.writer.read { db in
            let list = "SELECT value FROM json_each(?1)"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT officeID, count(*) AS partners FROM (
                        SELECT requesterOfficeID AS officeID FROM partnership WHERE state = 'linked' AND requesterOfficeID IN (\(list))
                        UNION ALL
                        SELECT recipientOfficeID AS officeID FROM partnership WHERE state = 'linked' AND recipientOfficeID IN (\(list)))
                    GROUP BY officeID
                    """, arguments: [Self.jsonList(officeIDs)])
            return Dictionary(uniqueKeysWithValues: rows.map { (($0["officeID"] as Int64), ($0["partners"] as Int)) })
        }
    }

    public func exchangeTallies(officeIDs: [Int64], from: Double, to: Double) async throws -> [ExchangeTally] {
        guard !officeIDs.isEmpty else { return [] }
        return try await self.writer.read { db in
            let list = "SELECT value FROM json_each(?1)"
            // The month is Japan's (UTC+9, no daylight saving). Each side's index (unit_outbox, unit_inbox) serves its
            // half; a unit between two listed offices is found by both halves and counted once (UNION, not UNION ALL,
            // on the unit's id).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT senderOfficeID, recipientOfficeID, strftime('%Y%m', createdAt + 32400, 'unixepoch') AS month, pattern,
                        count(*) AS units,
                        sum(state IN ('downloaded', 'imported', 'importRefused')) AS received,
                        min(CASE WHEN state IN ('downloaded', 'imported', 'importRefused') THEN createdAt END) AS firstReceivedAt,
                        max(createdAt) AS lastAt
                    FROM (
                        SELECT id, senderOfficeID, recipientOfficeID, createdAt, pattern, state FROM unit
                            WHERE senderOfficeID IN (\(list)) AND createdAt >= ?2 AND createdAt < ?3 AND state <> 'withdrawn'
                        UNION
                        SELECT id, senderOfficeID, recipientOfficeID, createdAt, pattern, state FROM unit
                            WHERE recipientOfficeID IN (\(list)) AND createdAt >= ?2 AND createdAt < ?3 AND state <> 'withdrawn')
                    GROUP BY senderOfficeID, recipientOfficeID, month, pattern
                    ORDER BY month, senderOfficeID, recipientOfficeID, pattern
                    """, arguments: [Self.jsonList(officeIDs), from, to])
            return rows.map { row in
                ExchangeTally(
                    senderOfficeID: row["senderOfficeID"], recipientOfficeID: row["recipientOfficeID"], month: row["month"], pattern: row["pattern"],
                    units: row["units"], received: row["received"], firstReceivedAt: row["firstReceivedAt"], lastAt: row["lastAt"])
            }
        }
    }

    /// A list of ids as one JSON argument, read with `json_each`: one bound value however many offices a prefecture
    /// has (SQLite limits the number of `?` in a statement).
    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
