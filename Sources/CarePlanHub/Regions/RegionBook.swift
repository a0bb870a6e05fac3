// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// モデル地域: the rules of regions for both sides. A municipality creates regions, invites offices (by 事業所番号, from the
/// directory or a pasted CSV list), removes them and proposes links between members; a prefecture only looks. An
/// office answers its own invitations and proposals, and leaves. A region another authority runs is "not found" to a
/// viewer, never "forbidden", so that its existence does not leak. The web and the CLI go through it.
struct RegionBook {
    let hub: Hub

    /// The longest region name.
    static let maxNameLength = 60
    /// The most offices one invitation list may name.
    static let maxInvitations = 500

    // MARK: - The authority's side

    /// The viewer behind `identity`: an authority's account with the `region` scope.
    func viewer(_ identity: HubIdentity) async throws -> RegionViewer {
        try identity.require(.region)
        guard identity.account.role.isAuthority, let id = identity.account.authorityID, let authority = try await self.hub.store.authority(id: id) else {
            throw ExchangeError(.forbidden, "region.notAuthority", "自治体のアカウントではありません / the account belongs to no local authority")
        }
        return RegionViewer(identity: identity, authority: authority)
    }

    /// The regions the viewer sees: a municipality's own; for a prefecture, those of every municipality whose code
    /// starts with its 都道府県コード.
    func regions(for viewer: RegionViewer) async throws -> [Region] {
        switch viewer.authority.kind {
        case .municipality:
            return try await self.hub.store.regions(authorityIDs: [viewer.authority.id])
        case .prefecture:
            let municipalities = try await self.hub.store.authorities().filter {
                $0.kind == .municipality && $0.prefectureCode == viewer.authority.prefectureCode
            }
            return try await self.hub.store.regions(authorityIDs: municipalities.map(\.id))
        }
    }

    /// The region `id`, if the viewer sees it.
    func region(_ id: Int64?, for viewer: RegionViewer) async throws -> Region {
        guard let id, let region = try await self.hub.store.region(id: id),
            try await self.regions(for: viewer).contains(where: { $0.id == region.id })
        else {
            throw ExchangeError(.notFound, "region.notFound", "その地域は見つかりません / no such region")
        }
        return region
    }

    /// The region `id`, if the viewer manages it.
    func managedRegion(_ id: Int64?, for viewer: RegionViewer) async throws -> Region {
        let region = try await self.region(id, for: viewer)
        guard viewer.manages(region) else {
            throw ExchangeError(.forbidden, "region.readOnly", "この地域を変更できるのは運営する市区町村だけです / only the municipality that runs the region changes it")
        }
        return region
    }

    func create(named name: String, by viewer: RegionViewer) async throws -> Region {
        guard viewer.authority.kind == .municipality else {
            throw ExchangeError(.forbidden, "region.readOnly", "モデル地域を作れるのは市区町村だけです / only a municipality creates model regions")
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= Self.maxNameLength, !name.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) else {
            throw ExchangeError(
                .malformed, "region.name", "地域名は1〜\(Self.maxNameLength)文字で入力してください / a region name has 1 to \(Self.maxNameLength) characters")
        }
        do {
            return try await self.hub.store.createRegion(
                Region(authorityID: viewer.authority.id, name: name, createdAt: self.hub.now()),
                audit: AuditRecord(actor: viewer.actor, office: nil, action: "region.create", subject: name))
        } catch HubStoreConflict.duplicateName {
            throw ExchangeError(.conflict, "region.duplicate", "同じ名前の地域があります / the municipality has a region of this name")
        }
    }

    /// What an invitation list did.
    struct Invitation: Sendable {
        /// Offices newly invited.
        var invited = 0
        /// Registered offices already invited or joined.
        var unchanged = 0
        /// 事業所番号 named but not registered at the hub (they can apply: 利用申請).
        var unknown: [String] = []
        /// Lines that name no 事業所番号.
        var unreadable: [Int] = []
    }

    /// Invites the offices `list` names: one per line, or a CSV whose first column holding ten digits is the
    /// 事業所番号 (the shape of the lists municipalities keep), optionally with `_種類` to pick one service; a bare
    /// number invites every registered service of it. Full-width digits are read as digits.
    func invite(_ list: String, to region: Region, by viewer: RegionViewer) async throws -> Invitation {
        var result = Invitation()
        var officeIDs: [Int64] = []
        let lines = list.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count <= Self.maxInvitations * 2 else {
            throw ExchangeError(.tooLarge, "region.tooMany", "一度に招待できるのは\(Self.maxInvitations)事業所までです / at most \(Self.maxInvitations) offices at once")
        }
        var sawLine = false
        for (index, line) in lines.enumerated() {
            let text = line.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            defer { sawLine = true }
            guard let reference = Self.officeReference(in: text) else {
                // A first line without ASCII digits is a CSV header (事業所番号,事業所名,…), not a mistake.
                let isHeader = !sawLine && !text.contains(where: { $0.isASCII && $0.isNumber })
                if !isHeader { result.unreadable.append(index + 1) }
                continue
            }
            let offices = try await self.offices(number: reference.number, serviceType: reference.serviceType)
            if offices.isEmpty { result.unknown.append(reference.serviceType.map { "\(reference.number)_\($0)" } ?? reference.number) }
            officeIDs += offices.map(\.id)
        }
        guard officeIDs.count <= Self.maxInvitations else {
            throw ExchangeError(.tooLarge, "region.tooMany", "一度に招待できるのは\(Self.maxInvitations)事業所までです / at most \(Self.maxInvitations) offices at once")
        }
        let unique = Array(Set(officeIDs))
        result.invited = try await self.hub.store.inviteToRegion(
            regionID: region.id, officeIDs: unique, at: self.hub.now(),
            audit: AuditRecord(actor: viewer.actor, office: nil, action: "region.invite", subject: "region:\(region.id)"))
        result.unchanged = unique.count - result.invited
        return result
    }

    /// The first CSV field of `line` that is a 事業所番号 (ten digits), with the service type after `_` if any.
    static func officeReference(in line: String) -> (number: String, serviceType: String?)? {
        for field in line.split(separator: ",", omittingEmptySubsequences: false) {
            let value = field.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t"))
            let parts = value.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts[0].count == 10, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            if parts.count == 2 {
                guard parts[1].count == 2, parts[1].allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else { continue }
                return (parts[0], parts[1])
            }
            return (parts[0], nil)
        }
        return nil
    }

    private func offices(number: String, serviceType: String?) async throws -> [Office] {
        if let serviceType {
            return try await self.hub.store.office(number: number, serviceType: serviceType).map { [$0] } ?? []
        }
        return try await self.hub.store.searchOffices(OfficeSearch(text: number), limit: 50).filter { $0.number == number }
    }

    func remove(_ office: Office, from region: Region, by viewer: RegionViewer) async throws {
        guard
            try await self.hub.store.removeRegionMember(
                regionID: region.id, officeID: office.id, at: self.hub.now(),
                audit: AuditRecord(actor: viewer.actor, office: office.officeID.description, action: "region.remove", subject: "region:\(region.id)"))
        else {
            throw ExchangeError(.notFound, "region.notMember", "この事業所は地域に含まれていません / the office is not in the region")
        }
    }

    func propose(_ office: Office, _ other: Office, in region: Region, by viewer: RegionViewer) async throws -> (proposal: LinkProposal, created: Bool) {
        if let partnership = try await self.hub.store.partnership(between: office.id, and: other.id), partnership.state == .linked {
            throw ExchangeError(.conflict, "region.alreadyLinked", "この2事業所はすでに連携しています / the two offices are linked already")
        }
        do {
            return try await self.hub.store.proposeLink(
                regionID: region.id, between: office.id, and: other.id, at: self.hub.now(),
                audit: AuditRecord(
                    actor: viewer.actor, office: nil, action: "region.propose", subject: "region:\(region.id) \(office.officeID) \(other.officeID)"))
        } catch HubStoreConflict.notRegionMember {
            throw ExchangeError(
                .conflict, "region.notMember", "連携を提案できるのは、地域に参加した2つの事業所の間だけです / both offices must have joined the region")
        }
    }

    func setEstimate(_ parameters: SavingsEstimate.Parameters, of region: Region, by viewer: RegionViewer) async throws {
        let json = String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self)
        _ = try await self.hub.store.setRegionEstimate(
            regionID: region.id, estimate: json, audit: AuditRecord(actor: viewer.actor, office: nil, action: "region.estimate", subject: "region:\(region.id)"))
    }

    // MARK: - The office's side

    func invitations(of office: Office) async throws -> [RegionInvitation] {
        try await self.hub.store.regionInvitations(officeID: office.id)
    }

    func answer(region regionID: Int64, join: Bool, by office: Office, actor: String) async throws {
        guard
            try await self.hub.store.answerRegionInvitation(
                regionID: regionID, officeID: office.id, join: join, at: self.hub.now(),
                audit: AuditRecord(actor: actor, office: office.officeID.description, action: join ? "region.join" : "region.decline", subject: "region:\(regionID)"))
                != nil
        else {
            throw ExchangeError(.conflict, "region.noInvitation", "この地域からの未回答の招待はありません / no open invitation from this region")
        }
    }

    func leave(region regionID: Int64, by office: Office, actor: String) async throws {
        // An open invitation is declined, not left: the municipality then sees the answer.
        guard try await self.invitations(of: office).contains(where: { $0.region.id == regionID && $0.member.state == .joined }) else {
            throw ExchangeError(.notFound, "region.notMember", "この地域に参加していません / the office is not in this region")
        }
        guard
            try await self.hub.store.removeRegionMember(
                regionID: regionID, officeID: office.id, at: self.hub.now(),
                audit: AuditRecord(actor: actor, office: office.officeID.description, action: "region.leave", subject: "region:\(regionID)"))
        else {
            throw ExchangeError(.notFound, "region.notMember", "この地域に参加していません / the office is not in this region")
        }
    }

    /// An open proposal with the office on the other side and the region that made it.
    struct Proposal: Sendable {
        let proposal: LinkProposal
        let other: Office
        let region: Region
    }

    func proposals(of office: Office) async throws -> [Proposal] {
        var result: [Proposal] = []
        for proposal in try await self.hub.store.openLinkProposals(officeID: office.id) {
            guard let other = try await self.hub.store.office(id: proposal.other(than: office.id)),
                let region = try await self.hub.store.region(id: proposal.regionID)
            else { continue }
            result.append(Proposal(proposal: proposal, other: other, region: region))
        }
        return result
    }

    func answerProposal(_ id: Int64, accept: Bool, by office: Office, actor: String) async throws -> LinkProposal {
        guard
            let proposal = try await self.hub.store.answerLinkProposal(
                id: id, officeID: office.id, accept: accept, at: self.hub.now(),
                audit: AuditRecord(
                    actor: actor, office: office.officeID.description, action: accept ? "region.acceptProposal" : "region.declineProposal",
                    subject: "proposal:\(id)"))
        else {
            throw ExchangeError(.conflict, "region.noProposal", "回答できる連携の提案はありません / no open proposal for your office")
        }
        return proposal
    }

    /// The joined members of the regions the office joined, but itself: 地域の事業所, suggested as partners.
    func suggestedPartners(of office: Office) async throws -> [Office] {
        var seen: Set<Int64> = [office.id]
        var result: [Office] = []
        for invitation in try await self.invitations(of: office) where invitation.member.state == .joined {
            for member in try await self.hub.store.regionMembers(regionID: invitation.region.id) where member.member.state == .joined {
                if seen.insert(member.office.id).inserted { result.append(member.office) }
            }
        }
        return result.sorted { ($0.number, $0.serviceType) < ($1.number, $1.serviceType) }
    }
}
