// CarePlan Link — the HubStore conformance suite, the operator's reads: run against every store.
import Foundation
import Testing

import CarePlanExchange

@testable import CarePlanHubStore

@Suite("HubStore conformance: the operator's reads")
struct OperatorConformanceTests {
    @Test("the audit search: an action or its family, office, actor, subject as typed (% and _ too), a day range, newest first, paged", arguments: StoreKind.allCases)
    func auditSearch(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let records: [(String, String?, String, String)] = [
            ("admin.createUser", nil, "cli", "sakura-admin"), ("admin", nil, "cli", "x"), ("administer", nil, "cli", "y"),
            ("upload", "1310100012_43", "account:3", "unit 50%_off"), ("upload", "1310100021_11", "account:4", "unit 50 off"),
        ]
        for (action, office, actor, subject) in records {
            try await store.appendAudit(AuditRecord(actor: actor, office: office, action: action, subject: subject))
        }
        func search(_ search: AuditSearch, before: Int64? = nil, limit: Int = 10) async throws -> [String] {
            try await store.searchAudit(search, beforeSequence: before, limit: limit).map(\.subject)
        }
        #expect(try await search(AuditSearch(action: "admin")) == ["x", "sakura-admin"])
        #expect(try await search(AuditSearch(office: "1310100012_43")) == ["unit 50%_off"])
        #expect(try await search(AuditSearch(actor: "account:4")) == ["unit 50 off"])
        #expect(try await search(AuditSearch(subject: "50%_")) == ["unit 50%_off"])
        #expect(try await search(AuditSearch(action: "upload"), limit: 1) == ["unit 50 off"])
        let newest = try #require(try await store.searchAudit(AuditSearch(), beforeSequence: nil, limit: 1).first)
        #expect(try await search(AuditSearch(), before: newest.sequence, limit: 2) == ["unit 50%_off", "y"])
        #expect(try await search(AuditSearch(from: newest.time + 1)) == [])
        #expect(try await search(AuditSearch(to: newest.time + 1)).count == 5)
    }

    @Test("the hub's totals: offices, accounts, units by state, pending applications, the audit head", arguments: StoreKind.allCases)
    func counts(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let audit = HubStoreConformanceTests.audit
        _ = try await store.createOffice(Office(number: "1310100012", serviceType: "43", name: "a"), audit: audit)
        _ = try await store.createAccount(Account(officeID: nil, loginName: "op", passwordHash: "x", role: .hubOperator), audit: audit)
        _ = try await store.createApplication(
            UsageApplication(officeNumber: "1399900601", serviceType: "13", officeName: "b", municipalityCode: "139998", contactName: "c", contact: "03-0000-0000", submittedAt: 1),
            audit: audit)
        let counts = try await store.hubCounts()
        #expect(counts.offices == 1 && counts.accounts == 1 && counts.pendingApplications == 1 && counts.unitsByState.isEmpty)
        #expect(counts.auditHead?.sequence == 3 && counts.databaseBytes > 0 && counts.mailsWaiting == 0)
    }
}
