// CarePlan Link — the HubStore conformance suite, 自治体 and model regions: run against every store.
import Foundation
import Testing

import CarePlanExchange

@testable import CarePlanHubStore

@Suite("HubStore conformance: model regions")
struct RegionConformanceTests {
    static let audit = HubStoreConformanceTests.audit

    /// A municipality with one region, and `count` offices numbered 13999000NN.
    static func region(_ store: any HubStore, offices count: Int) async throws -> (Authority, Region, [Office]) {
        let city = try await store.createAuthority(Authority(kind: .municipality, code: "139998", name: "さくら市"), audit: Self.audit)
        let region = try await store.createRegion(Region(authorityID: city.id, name: "さくら市モデル地域", createdAt: 1), audit: Self.audit)
        var offices: [Office] = []
        for index in 1...count {
            offices.append(
                try await store.createOffice(Office(number: String(format: "13999000%02d", index), serviceType: index == 1 ? "43" : "11", name: "事業所\(index)"), audit: Self.audit))
        }
        return (city, region, offices)
    }

    @Test("authorities and regions are unique by code and by name; an authority account has no office", arguments: StoreKind.allCases)
    func authoritiesAndRegions(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (city, region, offices) = try await Self.region(store, offices: 1)
        await #expect(throws: HubStoreConflict.duplicateName) {
            try await store.createAuthority(Authority(kind: .municipality, code: "139998", name: "別名"), audit: Self.audit)
        }
        // The same code as a prefecture's is another authority.
        let tokyo = try await store.createAuthority(Authority(kind: .prefecture, code: "13", name: "東京都"), audit: Self.audit)
        #expect(tokyo.prefectureCode == city.prefectureCode)
        await #expect(throws: HubStoreConflict.duplicateName) {
            try await store.createRegion(Region(authorityID: city.id, name: region.name, createdAt: 2), audit: Self.audit)
        }
        #expect(try await store.regions(authorityIDs: [city.id, tokyo.id]).map(\.id) == [region.id])
        #expect(try await store.regions(authorityIDs: []).isEmpty)
        #expect(try await store.authorities().map(\.code) == ["13", "139998"])

        let account = try await store.createAccount(
            Account(officeID: nil, authorityID: city.id, loginName: "city", passwordHash: "x", role: .municipality), audit: Self.audit)
        #expect(try await store.account(id: account.id)?.authorityID == city.id)
        // The database refuses an authority role without its authority, and an account of both an office and an authority.
        await #expect(throws: (any Error).self) {
            try await store.createAccount(Account(officeID: nil, loginName: "nobody", passwordHash: "x", role: .prefecture), audit: Self.audit)
        }
        await #expect(throws: (any Error).self) {
            try await store.createAccount(
                Account(officeID: offices[0].id, authorityID: city.id, loginName: "both", passwordHash: "x", role: .municipality), audit: Self.audit)
        }
        #expect(try await store.setRegionEstimate(regionID: region.id, estimate: "{\"sheetsPerMonth\":80}", audit: Self.audit))
        #expect(try await store.region(id: region.id)?.estimate == "{\"sheetsPerMonth\":80}")
        #expect(try await !store.setRegionEstimate(regionID: 999, estimate: nil, audit: Self.audit))
    }

    @Test("invitations: once per office, answered only while open, again after a decline; removal ends open proposals", arguments: StoreKind.allCases)
    func invitations(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (_, region, offices) = try await Self.region(store, offices: 3)
        let before = try await store.auditHead()?.sequence ?? 0
        #expect(try await store.inviteToRegion(regionID: region.id, officeIDs: offices.map(\.id) + [offices[0].id], at: 10, audit: Self.audit) == 3)
        // One audit entry per invited office, naming it.
        let entries = try await store.auditEntries(from: before + 1, limit: 10)
        #expect(entries.count == 3 && Set(entries.map(\.subject)) == Set(offices.map { "office:\($0.id)" }))
        #expect(try await store.inviteToRegion(regionID: region.id, officeIDs: [offices[0].id], at: 11, audit: Self.audit) == 0)

        let joined = try #require(try await store.answerRegionInvitation(regionID: region.id, officeID: offices[0].id, join: true, at: 12, audit: Self.audit))
        #expect(joined.state == .joined && joined.answeredAt == 12)
        #expect(try await store.answerRegionInvitation(regionID: region.id, officeID: offices[0].id, join: false, at: 13, audit: Self.audit) == nil)
        #expect(try await store.answerRegionInvitation(regionID: region.id, officeID: offices[1].id, join: false, at: 14, audit: Self.audit)?.state == .declined)
        // A declined office may be invited again; a joined one stays joined.
        #expect(try await store.inviteToRegion(regionID: region.id, officeIDs: [offices[0].id, offices[1].id], at: 15, audit: Self.audit) == 1)
        let members = try await store.regionMembers(regionID: region.id)
        #expect(members.map(\.office.id) == offices.map(\.id))
        #expect(members.map(\.member.state) == [.joined, .invited, .invited])

        let invitations = try await store.regionInvitations(officeID: offices[0].id)
        #expect(invitations.map(\.region.id) == [region.id] && invitations[0].authority.name == "さくら市")

        _ = try await store.answerRegionInvitation(regionID: region.id, officeID: offices[1].id, join: true, at: 16, audit: Self.audit)
        let (proposal, _) = try await store.proposeLink(regionID: region.id, between: offices[0].id, and: offices[1].id, at: 17, audit: Self.audit)
        #expect(try await store.removeRegionMember(regionID: region.id, officeID: offices[1].id, at: 18, audit: Self.audit))
        #expect(try await !store.removeRegionMember(regionID: region.id, officeID: offices[1].id, at: 19, audit: Self.audit))
        let ended = try #require(try await store.linkProposals(regionID: region.id).first { $0.id == proposal.id })
        #expect(ended.state == .declined && ended.answeredAt == 18)
    }

    @Test("a proposal needs two joined members, links them on the second acceptance only, and ends on a decline", arguments: StoreKind.allCases)
    func proposals(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (_, region, offices) = try await Self.region(store, offices: 4)
        _ = try await store.inviteToRegion(regionID: region.id, officeIDs: offices.map(\.id), at: 1, audit: Self.audit)
        for office in offices.prefix(3) { _ = try await store.answerRegionInvitation(regionID: region.id, officeID: office.id, join: true, at: 2, audit: Self.audit) }
        await #expect(throws: HubStoreConflict.notRegionMember) {
            try await store.proposeLink(regionID: region.id, between: offices[0].id, and: offices[3].id, at: 3, audit: Self.audit)
        }
        await #expect(throws: HubStoreConflict.notRegionMember) {
            try await store.proposeLink(regionID: region.id, between: offices[0].id, and: offices[0].id, at: 3, audit: Self.audit)
        }
        // The pair is stored once, whichever order; proposing again returns the open one.
        let (proposal, created) = try await store.proposeLink(regionID: region.id, between: offices[1].id, and: offices[0].id, at: 4, audit: Self.audit)
        #expect(created && proposal.firstOfficeID == offices[0].id && proposal.secondOfficeID == offices[1].id && proposal.state == .open)
        #expect(try await !store.proposeLink(regionID: region.id, between: offices[0].id, and: offices[1].id, at: 5, audit: Self.audit).created)
        #expect(try await store.openLinkProposals(officeID: offices[1].id).map(\.id) == [proposal.id])

        // An office it does not concern cannot answer it.
        #expect(try await store.answerLinkProposal(id: proposal.id, officeID: offices[2].id, accept: true, at: 6, audit: Self.audit) == nil)
        // The first acceptance links nothing yet; accepting twice changes nothing more.
        let half = try #require(try await store.answerLinkProposal(id: proposal.id, officeID: offices[1].id, accept: true, at: 7, audit: Self.audit))
        #expect(half.state == .open && half.secondAccepted && !half.firstAccepted)
        #expect(try await store.partnership(between: offices[0].id, and: offices[1].id) == nil)
        let before = try await store.auditHead()?.sequence ?? 0
        let done = try #require(try await store.answerLinkProposal(id: proposal.id, officeID: offices[0].id, accept: true, at: 8, audit: Self.audit))
        #expect(done.state == .accepted && done.answeredAt == 8)
        let link = try #require(try await store.partnership(between: offices[0].id, and: offices[1].id))
        #expect(link.state == .linked && link.answeredAt == 8)
        // The answer and the link, each audited once.
        #expect(try await store.auditEntries(from: before + 1, limit: 10).map(\.action) == ["test", "partner.link"])
        #expect(try await store.answerLinkProposal(id: proposal.id, officeID: offices[0].id, accept: false, at: 9, audit: Self.audit) == nil)
        #expect(try await store.linkedPartnerCounts(officeIDs: offices.map(\.id)) == [offices[0].id: 1, offices[1].id: 1])

        // A declined request between them becomes a link when both accept a proposal.
        _ = try await store.requestPartnership(from: offices[2].id, to: offices[0].id, at: 10, audit: Self.audit)
        _ = try await store.answerPartnership(of: offices[0].id, from: offices[2].id, accept: false, at: 11, audit: Self.audit)
        let (second, _) = try await store.proposeLink(regionID: region.id, between: offices[0].id, and: offices[2].id, at: 12, audit: Self.audit)
        _ = try await store.answerLinkProposal(id: second.id, officeID: offices[0].id, accept: true, at: 13, audit: Self.audit)
        _ = try await store.answerLinkProposal(id: second.id, officeID: offices[2].id, accept: true, at: 14, audit: Self.audit)
        #expect(try await store.partnership(between: offices[0].id, and: offices[2].id)?.state == .linked)

        // A decline ends a proposal and links nothing; the pair may be proposed again.
        _ = try await store.answerRegionInvitation(regionID: region.id, officeID: offices[3].id, join: true, at: 15, audit: Self.audit)
        let (third, _) = try await store.proposeLink(regionID: region.id, between: offices[1].id, and: offices[3].id, at: 16, audit: Self.audit)
        #expect(try await store.answerLinkProposal(id: third.id, officeID: offices[3].id, accept: false, at: 17, audit: Self.audit)?.state == .declined)
        #expect(try await store.partnership(between: offices[1].id, and: offices[3].id) == nil)
        #expect(try await store.proposeLink(regionID: region.id, between: offices[1].id, and: offices[3].id, at: 18, audit: Self.audit).created)
    }

    @Test("exchange tallies: per sender, recipient, Japan-time month and pattern; each unit once; withdrawn left out; received counted", arguments: StoreKind.allCases)
    func tallies(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (_, _, offices) = try await Self.region(store, offices: 3)
        let (a, b, c) = (offices[0], offices[1], offices[2])
        // 2026-04-30 15:30 UTC is 2026-05-01 00:30 in Japan; 2026-04-30 14:30 UTC is still April there.
        let mayInJapan = 1_777_563_000.0
        let aprilInJapan = mayInJapan - 3_600
        var units: [ExchangeUnit] = []
        for (index, (from, to, time)) in [(a, b, aprilInJapan), (a, b, mayInJapan), (a, b, mayInJapan + 10), (b, a, mayInJapan + 20), (a, c, mayInJapan + 30)].enumerated() {
            var unit = HubStoreConformanceTests.unit("u\(index)", from: from, to: to, at: time)
            if index == 4 { unit.pattern = "実績" }
            units.append(unit)
            _ = try await HubStoreConformanceTests.store(store, unit, [("UPPLAN_\(index).CSV", "body \(index)")])
        }
        try await HubStoreConformanceTests.downloadAll(store, "u1", at: mayInJapan + 100)
        try await HubStoreConformanceTests.downloadAll(store, "u4", at: mayInJapan + 100)
        _ = try await store.withdraw(unitID: "u2", at: mayInJapan + 50, transition: HubStoreConformanceTests.transition("w"))

        // a and b both listed: the units between them are counted once.
        let tallies = try await store.exchangeTallies(officeIDs: [a.id, b.id], from: aprilInJapan - 1, to: mayInJapan + 1_000)
        let summary = tallies.map { "\($0.senderOfficeID == a.id ? "a" : "b")→\($0.recipientOfficeID == b.id ? "b" : $0.recipientOfficeID == a.id ? "a" : "c") \($0.month) \($0.pattern) \($0.units)/\($0.received)" }
        #expect(summary.sorted() == ["a→b 202604 居宅② 第6・7表 1/0", "a→b 202605 居宅② 第6・7表 1/1", "a→c 202605 実績 1/1", "b→a 202605 居宅② 第6・7表 1/0"])
        let received = try #require(tallies.first { $0.month == "202605" && $0.recipientOfficeID == b.id })
        #expect(received.firstReceivedAt == mayInJapan && received.lastAt == mayInJapan)
        #expect(tallies.first { $0.month == "202604" }?.firstReceivedAt == nil)
        // The range is half-open, and only the listed offices' units count.
        #expect(try await store.exchangeTallies(officeIDs: [c.id], from: mayInJapan + 30, to: mayInJapan + 31).map(\.units) == [1])
        #expect(try await store.exchangeTallies(officeIDs: [c.id], from: mayInJapan, to: mayInJapan + 30).isEmpty)
        #expect(try await store.exchangeTallies(officeIDs: [], from: 0, to: .infinity).isEmpty)
    }
}
