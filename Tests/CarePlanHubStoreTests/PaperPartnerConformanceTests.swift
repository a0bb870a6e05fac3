// CarePlan Link — the HubStore conformance suite, ネットワーク外の連携先: per office, unique per 事業所番号 + 種類, with
// their deliveries by month; run against every store.
import Foundation
import Testing

import CarePlanExchange
@testable import CarePlanHubStore

@Suite("HubStore conformance: paper partners")
struct PaperPartnerConformanceTests {
    static let audit = HubStoreConformanceTests.audit

    @Test("paper partners per office, deliveries by month newest first; a removed one keeps its deliveries and may be recorded again", arguments: StoreKind.allCases)
    func paperPartners(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let (careManager, provider) = try await HubStoreConformanceTests.offices(store)
        let partner = try await store.createPaperPartner(
            PaperPartner(officeID: careManager.id, number: "1310100999", serviceType: "13", name: "九段訪問看護", fax: "03-0000-0999", createdAt: 1), audit: Self.audit)
        #expect(partner.id > 0)
        await #expect(throws: HubStoreConflict.duplicatePaperPartner) {
            try await store.createPaperPartner(PaperPartner(officeID: careManager.id, number: "1310100999", serviceType: "13", name: "x", createdAt: 2), audit: Self.audit)
        }
        // Another office may record the same one.
        _ = try await store.createPaperPartner(PaperPartner(officeID: provider.id, number: "1310100999", serviceType: "13", name: "九段", createdAt: 3), audit: Self.audit)
        #expect(try await store.paperPartners(officeID: careManager.id).map(\.name) == ["九段訪問看護"])

        for (month, method, at) in [("202506", PaperDelivery.Method.fax, 10.0), ("202506", .mail, 20), ("202507", .hand, 30)] {
            _ = try await store.recordPaperDelivery(
                PaperDelivery(officeID: careManager.id, paperPartnerID: partner.id, month: month, method: method, at: at, actor: "cm", sealedUsers: "sealed"),
                audit: Self.audit)
        }
        #expect(try await store.paperDeliveries(officeID: careManager.id, month: "202506").map(\.method) == [.mail, .fax])
        #expect(try await store.paperDeliveries(officeID: provider.id, month: "202506").isEmpty)
        // Only the office's own partner can be removed, once; its deliveries stay (evidence), and it may be recorded again.
        #expect(try await !store.deletePaperPartner(officeID: provider.id, id: partner.id, at: 40, audit: Self.audit))
        #expect(try await store.deletePaperPartner(officeID: careManager.id, id: partner.id, at: 40, audit: Self.audit))
        #expect(try await !store.deletePaperPartner(officeID: careManager.id, id: partner.id, at: 41, audit: Self.audit))
        #expect(try await store.paperPartners(officeID: careManager.id).isEmpty)
        #expect(try await store.paperPartners(officeID: careManager.id, includingRemoved: true).map(\.removedAt) == [40])
        #expect(try await store.paperDeliveries(officeID: careManager.id, month: "202506").count == 2)
        let again = try await store.createPaperPartner(
            PaperPartner(officeID: careManager.id, number: "1310100999", serviceType: "13", name: "九段訪問看護", createdAt: 50), audit: Self.audit)
        let listed = try await store.paperPartners(officeID: careManager.id).map(\.id)
        #expect(again.id != partner.id && listed == [again.id])
    }
}
