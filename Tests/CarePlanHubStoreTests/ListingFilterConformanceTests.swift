// CarePlan Link — the HubStore conformance suite, listing filters: month, kind, partner, state and the user index,
// alone and together, in both orders and with paging; run against every store.
import Foundation
import Testing

import CarePlanExchange
@testable import CarePlanHubStore

@Suite("HubStore conformance: listing filters")
struct ListingFilterConformanceTests {
    static let audit = HubStoreConformanceTests.audit

    /// Stores a unit whose files are `names` (kinds from the names), with `users` digests.
    static func store(
        _ store: any HubStore, _ id: String, from sender: Office, to recipient: Office, at time: Double, _ names: [String], users: [String] = []
    ) async throws {
        let unit = HubStoreConformanceTests.unit(id, from: sender, to: recipient, at: time)
        var files: [UnitFile] = []
        var bodies: [String: [UInt8]] = [:]
        for name in names {
            let kind = name.components(separatedBy: "_20").first ?? name
            let content = "\(id) \(name)"
            let digest = HubStoreConformanceTests.digest(content)
            files.append(UnitFile(unitID: id, name: name, sha256: digest, size: content.utf8.count, kind: kind))
            bodies[digest] = Array(content.utf8)
        }
        _ = try await store.storeUnit(unit, files: files, bodies: bodies, users: users, audit: Self.audit, receipt: HubStoreConformanceTests.receipt)
    }

    @Test("each filter and their combination; paging keeps the filter; user counts come from the index", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (careManager, provider) = try await HubStoreConformanceTests.offices(store)
        let day = try await store.createOffice(Office(number: "1310100039", serviceType: "15", name: "麹町デイ"), audit: Self.audit)
        let to11 = "1310100012_43_1310100021_11", to15 = "1310100012_43_1310100039_15"
        // The ファイル連番 (20250525…) starts like a month: only the part after the kind counts.
        try await Self.store(
            store, "june-plan", from: careManager, to: provider, at: 10,
            ["UPPLAN_202506_\(to11)_20250525180000.CSV", "UPSIKYU_202506_\(to11)_20250525180000.CSV"], users: ["a", "b"])
        try await Self.store(store, "july-plan", from: careManager, to: provider, at: 20, ["UPPLAN_202507_\(to11)_20250625180000.CSV"], users: ["a"])
        try await Self.store(store, "care-plan", from: careManager, to: provider, at: 30, ["UP1KYO_20250610_\(to11)_20250610180000.CSV"], users: ["c"])
        try await Self.store(store, "day-plan", from: careManager, to: day, at: 40, ["UPPLAN_202506_\(to15)_20250526180000.CSV"], users: ["a"])

        func outbox(_ filter: UnitFilter, order: UnitOrder = .oldestFirst) async throws -> [String] {
            try await store.outbox(officeID: careManager.id, after: nil, filter: filter, limit: 100, order: order).map(\.unit.id)
        }
        #expect(try await outbox(.all) == ["june-plan", "july-plan", "care-plan", "day-plan"])
        #expect(try await outbox(UnitFilter(month: "202506")) == ["june-plan", "care-plan", "day-plan"])
        // No unit is of May, though every ファイル連番 of June's starts with 202505.
        #expect(try await outbox(UnitFilter(month: "202505")).isEmpty)
        #expect(try await outbox(UnitFilter(kinds: ["UP1KYO", "UP2KYO"])) == ["care-plan"])
        #expect(try await outbox(UnitFilter(month: "202506", kinds: ["UPPLAN"])) == ["june-plan", "day-plan"])
        #expect(try await outbox(UnitFilter(partnerOfficeID: day.id)) == ["day-plan"])
        #expect(try await outbox(UnitFilter(partnerOfficeID: provider.id, month: "202506", kinds: ["UPPLAN"], userDigest: "a")) == ["june-plan"])
        #expect(try await outbox(UnitFilter(userDigest: "a"), order: .newestFirst) == ["day-plan", "july-plan", "june-plan"])
        #expect(try await outbox(UnitFilter(userDigest: "zzz")).isEmpty)
        #expect(try await outbox(UnitFilter(states: [.downloaded])).isEmpty)

        // The inbox: the same filters from the recipient's side; the partner is the sender.
        let inbox = try await store.inbox(
            officeID: provider.id, after: nil, filter: UnitFilter(partnerOfficeID: careManager.id, month: "202506"), limit: 100, order: .newestFirst)
        #expect(inbox.map(\.unit.id) == ["care-plan", "june-plan"])
        #expect(try await store.inbox(officeID: provider.id, after: nil, filter: UnitFilter(partnerOfficeID: day.id), limit: 100, order: .oldestFirst).isEmpty)

        // A page of one, then the next page after its cursor, with the filter.
        let filter = UnitFilter(userDigest: "a")
        let first = try await store.outbox(officeID: careManager.id, after: nil, filter: filter, limit: 1, order: .oldestFirst)
        let second = try await store.outbox(officeID: careManager.id, after: first.last?.cursor, filter: filter, limit: 1, order: .oldestFirst)
        #expect(first.map(\.unit.id) == ["june-plan"] && second.map(\.unit.id) == ["july-plan"])

        #expect(try await store.userCounts(unitIDs: ["june-plan", "july-plan", "nothing"]) == ["june-plan": 2, "july-plan": 1])
        #expect(try await store.userCounts(unitIDs: []).isEmpty)
    }
}
