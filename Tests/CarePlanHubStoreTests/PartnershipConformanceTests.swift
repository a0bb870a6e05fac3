// CarePlan Link — the HubStore conformance suite, 連携先 and the office directory: run against every store.
import Foundation
import Testing

import CarePlanExchange

@testable import CarePlanHubStore

@Suite("HubStore conformance: partners")
struct PartnershipConformanceTests {
    static let audit = HubStoreConformanceTests.audit

    @Test("a request, its answer, a request both ways, removal and favourites; each change audited once", arguments: StoreKind.allCases)
    func partnershipLifecycle(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (careManager, provider) = try await HubStoreConformanceTests.offices(store)
        let day = try await store.createOffice(Office(number: "1310100039", serviceType: "15", name: "麹町デイ"), audit: Self.audit)
        let auditBefore = try await store.auditHead()?.sequence ?? 0

        let asked = try await store.requestPartnership(from: careManager.id, to: provider.id, at: 10, audit: Self.audit)
        #expect(asked.changed && asked.partnership.state == .requested && asked.partnership.requesterOfficeID == careManager.id)
        // Asking again changes nothing and audits nothing.
        let again = try await store.requestPartnership(from: careManager.id, to: provider.id, at: 11, audit: Self.audit)
        #expect(!again.changed && again.partnership.requestedAt == 10)
        // Only the asked office answers.
        #expect(try await store.answerPartnership(of: careManager.id, from: provider.id, accept: true, at: 12, audit: Self.audit) == nil)
        let linked = try #require(try await store.answerPartnership(of: provider.id, from: careManager.id, accept: true, at: 13, audit: Self.audit))
        #expect(linked.state == .linked && linked.answeredAt == 13)
        #expect(try await store.partnership(between: provider.id, and: careManager.id)?.state == .linked)
        // A link is not a request: answering it again is refused.
        #expect(try await store.answerPartnership(of: provider.id, from: careManager.id, accept: false, at: 14, audit: Self.audit) == nil)

        // The day service asks the provider, and the provider asks back: linked at once.
        _ = try await store.requestPartnership(from: day.id, to: provider.id, at: 20, audit: Self.audit)
        let mutual = try await store.requestPartnership(from: provider.id, to: day.id, at: 21, audit: Self.audit)
        #expect(mutual.changed && mutual.partnership.state == .linked && mutual.partnership.answeredAt == 21)

        // Each office sees its own partners, with the other office.
        let providers = try await store.partnerships(officeID: provider.id)
        #expect(providers.map(\.partner.id) == [careManager.id, day.id])
        #expect(try await store.partnerships(officeID: careManager.id).map(\.partner.id) == [provider.id])

        // Favourites are per side, and only for linked partners.
        let starred = try #require(try await store.setFavouritePartner(of: provider.id, partner: careManager.id, favourite: true, audit: Self.audit))
        #expect(starred.isFavourite(for: provider.id) && !starred.isFavourite(for: careManager.id))
        #expect(try await store.setFavouritePartner(of: careManager.id, partner: day.id, favourite: true, audit: Self.audit) == nil)

        // Removing ends the link from either side; removing nothing is false.
        #expect(try await store.removePartnership(of: careManager.id, with: provider.id, audit: Self.audit))
        #expect(try await store.partnership(between: careManager.id, and: provider.id) == nil)
        #expect(try await !store.removePartnership(of: careManager.id, with: provider.id, audit: Self.audit))

        // request, answer, request, request(mutual), the favourite, remove: six audited changes; the mutual one as a
        // link; a favourite refused (not linked) audits nothing.
        #expect(try await store.auditHead()?.sequence == auditBefore + 6)
        #expect(try await store.auditEntries(from: auditBefore + 1, limit: 10).map(\.action).filter { $0 == "partner.link" }.count == 1)
    }

    @Test("a declined request can be asked again, by either office", arguments: StoreKind.allCases)
    func declinedThenAskedAgain(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (careManager, provider) = try await HubStoreConformanceTests.offices(store)
        _ = try await store.requestPartnership(from: careManager.id, to: provider.id, at: 1, audit: Self.audit)
        let declined = try #require(try await store.answerPartnership(of: provider.id, from: careManager.id, accept: false, at: 2, audit: Self.audit))
        #expect(declined.state == .declined)
        let reversed = try await store.requestPartnership(from: provider.id, to: careManager.id, at: 3, audit: Self.audit)
        #expect(reversed.changed && reversed.partnership.state == .requested && reversed.partnership.requesterOfficeID == provider.id)
        #expect(reversed.partnership.id == declined.id && reversed.partnership.answeredAt == nil)
        #expect(try await store.partnerships(officeID: careManager.id).count == 1)
    }

    @Test("the directory finds offices by name, 事業所番号 prefix, municipality and service type, all together", arguments: StoreKind.allCases)
    func officeDirectory(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        for (number, type, name, municipality) in [
            ("1310100012", "43", "ちよだ居宅介護支援センター", "131016"), ("1310100021", "11", "神田ヘルパーステーション", "131016"),
            ("1310100039", "15", "麹町デイサービス", "131016"), ("1410200011", "11", "横浜ヘルパー", "141003"),
            ("1310100047", "11", "50%ヘルパー_千代田", "131016"),
        ] {
            _ = try await store.createOffice(Office(number: number, serviceType: type, name: name, municipalityCode: municipality), audit: Self.audit)
        }
        func names(_ search: OfficeSearch, limit: Int = 50) async throws -> [String] { try await store.searchOffices(search, limit: limit).map(\.name) }
        #expect(try await names(OfficeSearch(text: "ヘルパー")) == ["神田ヘルパーステーション", "50%ヘルパー_千代田", "横浜ヘルパー"])
        #expect(try await names(OfficeSearch(text: "13101000")) == ["ちよだ居宅介護支援センター", "神田ヘルパーステーション", "麹町デイサービス", "50%ヘルパー_千代田"])
        // A number matches from its start only.
        #expect(try await names(OfficeSearch(text: "0100021")).isEmpty)
        #expect(try await names(OfficeSearch(municipalityCode: "1410")) == ["横浜ヘルパー"])
        #expect(try await names(OfficeSearch(text: "ヘルパー", municipalityCode: "131016", serviceType: "11")) == ["神田ヘルパーステーション", "50%ヘルパー_千代田"])
        // Wildcards are text.
        #expect(try await names(OfficeSearch(text: "%")) == ["50%ヘルパー_千代田"])
        #expect(try await names(OfficeSearch(text: "_")) == ["50%ヘルパー_千代田"])
        #expect(try await names(OfficeSearch(), limit: 2).count == 2)
    }

    @Test("a unit that must go to a linked partner is refused in the store's own transaction when the link is gone; nothing is stored", arguments: StoreKind.allCases)
    func linkCheckedWhenStored(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (sender, recipient) = try await HubStoreConformanceTests.offices(store)
        let unit = HubStoreConformanceTests.unit("u1", from: sender, to: recipient, at: 100)
        let file = HubStoreConformanceTests.file("u1", "UPPLAN_1.CSV", "one")
        func put(_ unit: ExchangeUnit, requiringLink: Bool) async throws -> Bool {
            try await store.storeUnit(
                unit, files: [HubStoreConformanceTests.file(unit.id, "UPPLAN_1.CSV", "one").file], bodies: [file.file.sha256: file.body], users: [],
                requiringLink: requiringLink, audit: Self.audit, receipt: HubStoreConformanceTests.receipt
            ).created
        }
        let audited = try await HubStoreConformanceTests.auditCount(store)
        await #expect(throws: HubStoreConflict.notLinked) { try await put(unit, requiringLink: true) }
        let stored = try await store.unit(id: "u1")
        let auditedAfter = try await HubStoreConformanceTests.auditCount(store)
        #expect(stored == nil && auditedAfter == audited)
        _ = try await store.requestPartnership(from: sender.id, to: recipient.id, at: 10, audit: Self.audit)
        await #expect(throws: HubStoreConflict.notLinked) { try await put(unit, requiringLink: true) }
        _ = try await store.answerPartnership(of: recipient.id, from: sender.id, accept: true, at: 20, audit: Self.audit)
        #expect(try await put(unit, requiringLink: true))
        _ = try await store.removePartnership(of: sender.id, with: recipient.id, audit: Self.audit)
        var next = HubStoreConformanceTests.unit("u2", from: sender, to: recipient, at: 200)
        next.fingerprint = "fp-u2"
        await #expect(throws: HubStoreConflict.notLinked) { try await put(next, requiringLink: true) }
        // Without the rule (the hub's anyRegisteredOffice), and to oneself, it goes.
        #expect(try await put(next, requiringLink: false))
        #expect(try await put(HubStoreConformanceTests.unit("u3", from: sender, to: sender, at: 300), requiringLink: true))
    }
}
