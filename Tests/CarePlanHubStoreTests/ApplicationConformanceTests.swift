// CarePlan Link — the HubStore conformance suite, 利用申請: run against every store.
import Foundation
import Testing

import CarePlanExchange

@testable import CarePlanHubStore

@Suite("HubStore conformance: applications")
struct ApplicationConformanceTests {
    static let audit = HubStoreConformanceTests.audit

    static func application(_ number: String = "1399900601", type: String = "13", at time: Double = 10, contact: String = "03-0000-0601") -> UsageApplication {
        UsageApplication(
            officeNumber: number, serviceType: type, officeName: "さくら訪問看護", municipalityCode: "139998", contactName: "青葉", contact: contact,
            submittedAt: time)
    }

    /// The audit log's length: a refused write appends nothing.
    static func auditCount(_ store: any HubStore) async throws -> Int { try await store.auditEntries(from: 0, limit: 10_000).count }

    @Test("one pending application per office and contact (another contact may apply too); decided ones block nothing; pending first, then newest", arguments: StoreKind.allCases)
    func pendingIsUnique(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let first = try await store.createApplication(Self.application(), audit: Self.audit)
        #expect(first.id > 0 && first.state == .pending)
        let before = try await Self.auditCount(store)
        await #expect(throws: HubStoreConflict.applicationPending) { try await store.createApplication(Self.application(at: 11), audit: Self.audit) }
        #expect(try await Self.auditCount(store) == before)
        // The same number with another service type is another office.
        let other = try await store.createApplication(Self.application(type: "11", at: 12), audit: Self.audit)
        #expect(try await store.pendingApplicationCount() == 2)
        let rejected = try #require(try await store.rejectApplication(id: first.id, decidedAt: 20, decidedBy: "account:1", note: "番号違い", audit: Self.audit))
        #expect(rejected.state == .rejected && rejected.decisionNote == "番号違い" && rejected.decidedAt == 20)
        #expect(try await store.rejectApplication(id: first.id, decidedAt: 21, decidedBy: "account:1", note: "x", audit: Self.audit) == nil)
        let again = try await store.createApplication(Self.application(at: 30), audit: Self.audit)
        #expect(try await store.applications(municipalityCode: nil).map(\.id) == [again.id, other.id, first.id])
        #expect(try await store.applications(municipalityCode: "131016").isEmpty)
        // Someone else applying in the office's name waits beside it; approving one declines the other in the same write.
        let squatter = try await store.createApplication(Self.application(at: 31, contact: "090-0000-0000"), audit: Self.audit)
        let approved = try await store.approveApplication(
            id: again.id, office: Office(number: again.officeNumber, serviceType: again.serviceType, name: "x"),
            account: Account(officeID: nil, loginName: "x-admin", passwordHash: "x", role: .admin), period: nil, decidedAt: 40, decidedBy: "account:1", note: "",
            audits: [Self.audit])
        #expect(approved?.application.state == .approved)
        let declined = try #require(try await store.application(id: squatter.id))
        #expect(declined.state == .rejected && declined.decidedAt == 40 && declined.decisionNote.contains("application:\(again.id)"))
        #expect(try await store.application(id: other.id)?.state == .pending)
    }

    @Test("an approval writes the office, its account and its period with the decision, or nothing at all", arguments: StoreKind.allCases)
    func approvalIsWhole(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let application = try await store.createApplication(Self.application(), audit: Self.audit)
        let office = Office(number: application.officeNumber, serviceType: application.serviceType, name: application.officeName, municipalityCode: "139998")
        let account = Account(officeID: nil, loginName: "new-admin", passwordHash: "x", role: .admin, mustChangePassword: true)
        let period = UsagePeriod(officeID: 0, kind: .trial, startsAt: 100, endsAt: 200, createdAt: 50)

        // A login name in use: no office, no account, no period, no audit entry; the application still waits.
        _ = try await store.createAccount(Account(officeID: nil, loginName: "new-admin", passwordHash: "y", role: .hubOperator), audit: Self.audit)
        let before = try await Self.auditCount(store)
        await #expect(throws: HubStoreConflict.loginNameTaken) {
            try await store.approveApplication(
                id: application.id, office: office, account: account, period: period, decidedAt: 60, decidedBy: "account:1", note: "", audits: [Self.audit])
        }
        #expect(try await store.offices().isEmpty)
        #expect(try await store.usagePeriods().isEmpty)
        #expect(try await store.application(id: application.id)?.state == .pending)
        #expect(try await Self.auditCount(store) == before)

        var renamed = account
        renamed.loginName = "sakura-admin"
        let approved = try #require(
            try await store.approveApplication(
                id: application.id, office: office, account: renamed, period: period, decidedAt: 60, decidedBy: "account:1", note: "確認済", audits: [Self.audit]))
        #expect(approved.application.state == .approved && approved.application.officeID == approved.office.id && approved.application.decisionNote == "確認済")
        #expect(approved.account.officeID == approved.office.id && approved.account.mustChangePassword)
        #expect(try await store.account(loginName: "sakura-admin")?.mustChangePassword == true)
        #expect(try await store.usagePeriods(officeID: approved.office.id).map(\.kind) == [.trial])
        #expect(try await Self.auditCount(store) == before + 1)
        // Decided: a second approval does nothing.
        #expect(
            try await store.approveApplication(
                id: application.id, office: office, account: renamed, period: nil, decidedAt: 61, decidedBy: "account:1", note: "", audits: [Self.audit]) == nil)

        // An office registered meanwhile (by the CLI) refuses the approval of its application whole.
        let late = try await store.createApplication(Self.application("1399900602", type: "15"), audit: Self.audit)
        _ = try await store.createOffice(Office(number: "1399900602", serviceType: "15", name: "先に登録"), audit: Self.audit)
        await #expect(throws: HubStoreConflict.officeRegistered) {
            try await store.approveApplication(
                id: late.id, office: Office(number: "1399900602", serviceType: "15", name: "x"),
                account: Account(officeID: nil, loginName: "late-admin", passwordHash: "x", role: .admin), period: nil, decidedAt: 70, decidedBy: "account:1",
                note: "", audits: [Self.audit])
        }
        #expect(try await store.account(loginName: "late-admin") == nil)
        #expect(try await store.application(id: late.id)?.state == .pending)
    }

    @Test("setPassword replaces the hash, clears failed logins and the first-use flag", arguments: StoreKind.allCases)
    func setPassword(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let account = try await store.createAccount(
            Account(officeID: nil, loginName: "op", passwordHash: "old", role: .hubOperator, failedLogins: 3, lockedUntil: 99, mustChangePassword: true),
            audit: Self.audit)
        for key in ["name+address:abc:10.0.0.1", "name+address:abc:10.0.0.2", "name+address:abd:10.0.0.1", "address:10.0.0.1"] {
            _ = try await store.throttleLoginAttempt([LoginThrottle.Key(id: key, policy: LoginThrottle.Policy(freeAttempts: 5), clearedOnSuccess: true)], at: 1)
        }
        #expect(try await store.setPassword(accountID: account.id, passwordHash: "new", mustChange: false, clearingThrottle: "name+address:abc:", audit: Self.audit))
        #expect(try await store.loginThrottleState(key: "name+address:abc:10.0.0.1") == nil)
        #expect(try await store.loginThrottleState(key: "name+address:abc:10.0.0.2") == nil)
        #expect(try await store.loginThrottleState(key: "name+address:abd:10.0.0.1") != nil)
        #expect(try await store.loginThrottleState(key: "address:10.0.0.1") != nil)
        let changed = try #require(try await store.account(id: account.id))
        #expect(changed.passwordHash == "new" && !changed.mustChangePassword && changed.failedLogins == 0 && changed.lockedUntil == nil)
        #expect(try await store.setPassword(accountID: 999, passwordHash: "x", mustChange: false, clearingThrottle: nil, audit: Self.audit) == false)
    }
}
