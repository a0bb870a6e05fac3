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
        let store = try kind.makeStore()
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
        let starred = try #require(try await store.setFavouritePartner(of: provider.id, partner: careManager.id, favourite: true))
        #expect(starred.isFavourite(for: provider.id) && !starred.isFavourite(for: careManager.id))
        #expect(try await store.setFavouritePartner(of: careManager.id, partner: day.id, favourite: true) == nil)

        // Removing ends the link from either side; removing nothing is false.
        #expect(try await store.removePartnership(of: careManager.id, with: provider.id, audit: Self.audit))
        #expect(try await store.partnership(between: careManager.id, and: provider.id) == nil)
        #expect(try await !store.removePartnership(of: careManager.id, with: provider.id, audit: Self.audit))

        // request, answer, request, request(mutual), remove: five audited changes; the mutual one as a link.
        #expect(try await store.auditHead()?.sequence == auditBefore + 5)
        #expect(try await store.auditEntries(from: auditBefore + 1, limit: 10).map(\.action).filter { $0 == "partner.link" }.count == 1)
    }

    @Test("a declined request can be asked again, by either office", arguments: StoreKind.allCases)
    func declinedThenAskedAgain(kind: StoreKind) async throws {
        let store = try kind.makeStore()
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
        let store = try kind.makeStore()
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
}
