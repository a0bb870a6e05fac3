// CarePlan Link — who may call what: every endpoint × no auth / bad / revoked / expired token / other office / wrong scope.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanHub

/// An authenticated endpoint, given a unit id and file name that exist.
struct Endpoint: Sendable, CustomTestStringConvertible {
    let method: HTTPRequest.Method
    let path: @Sendable (_ unitID: String, _ file: String) -> String
    let name: String
    /// The scope it needs (for the wrong-scope check).
    let scope: Scope
    /// Whether only the recipient (not the sender) may call it.
    let recipientOnly: Bool
    /// Whether it concerns one unit (so another office gets 404).
    let perUnit: Bool
    /// Whether only the sender (not the recipient) may call it.
    var senderOnly = false
    /// What the allowed office gets for the fixture's unit (authorised; not necessarily done, e.g. an import report
    /// without a body is 400, a re-send of a live unit 409).
    var allowedStatus: HTTPResponse.Status = .ok

    var testDescription: String { self.name }
}

let endpoints: [Endpoint] = [
    Endpoint(method: .get, path: { _, _ in "/api/v1/inbox" }, name: "GET inbox", scope: .receive, recipientOnly: false, perUnit: false),
    Endpoint(method: .get, path: { _, _ in "/api/v1/outbox" }, name: "GET outbox", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/units" }, name: "POST units", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/batches" }, name: "POST batches", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .get, path: { id, _ in "/api/v1/units/\(id)" }, name: "GET unit", scope: .receive, recipientOnly: false, perUnit: true),
    Endpoint(method: .get, path: { id, file in "/api/v1/units/\(id)/files/\(file)" }, name: "GET file", scope: .receive, recipientOnly: false, perUnit: true),
    Endpoint(
        method: .post, path: { id, _ in "/api/v1/units/\(id)/import" }, name: "POST import", scope: .receive, recipientOnly: true, perUnit: true,
        allowedStatus: .badRequest),
    Endpoint(
        method: .post, path: { id, _ in "/api/v1/units/\(id)/withdraw" }, name: "POST withdraw", scope: .send, recipientOnly: false, perUnit: true,
        senderOnly: true),
    Endpoint(
        method: .post, path: { id, _ in "/api/v1/units/\(id)/resend" }, name: "POST resend", scope: .send, recipientOnly: false, perUnit: true,
        senderOnly: true, allowedStatus: .conflict),
    Endpoint(method: .get, path: { id, _ in "/api/v1/units/\(id)/receipts" }, name: "GET receipts", scope: .receive, recipientOnly: false, perUnit: true),
    // 連携先: every route needs send.
    Endpoint(method: .get, path: { _, _ in "/api/v1/offices" }, name: "GET offices", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .get, path: { _, _ in "/api/v1/partners" }, name: "GET partners", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/partners" }, name: "POST partners", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/partners/1310100012_43/accept" }, name: "POST partner accept", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/partners/1310100012_43/decline" }, name: "POST partner decline", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .post, path: { _, _ in "/api/v1/partners/1310100012_43/favourite" }, name: "POST partner favourite", scope: .send, recipientOnly: false, perUnit: false),
    Endpoint(method: .delete, path: { _, _ in "/api/v1/partners/1310100012_43" }, name: "DELETE partner", scope: .send, recipientOnly: false, perUnit: false),
    // 今月の連携 reads what was sent and received: send and receive.
    Endpoint(method: .get, path: { _, _ in "/api/v1/month?month=202506" }, name: "GET month (receive)", scope: .receive, recipientOnly: false, perUnit: false),
    Endpoint(method: .get, path: { _, _ in "/api/v1/month?month=202506" }, name: "GET month (send)", scope: .send, recipientOnly: false, perUnit: false),
]

@Suite("Authorization matrix")
struct AuthorizationTests {
    /// A fixture with one unit from the care manager to the provider; returns its id and a file name.
    private func setUp() async throws -> (HubFixture, String, String) {
        let fixture = try await HubFixture.make()
        let files = sampleUnit(.carePlanDeletion)
        let unitID = try await fixture.testValue { client in
            let (_, json) = try await client.upload(files, token: fixture.careManagerToken)
            return (json["unit"] as? [String: Any])?["id"] as? String ?? ""
        }
        return (fixture, unitID, files[0].name)
    }

    private func status(_ fixture: HubFixture, _ endpoint: Endpoint, headers: HTTPFields, unitID: String, file: String) async throws -> HTTPResponse.Status {
        try await fixture.testValue { client in
            try await client.execute(uri: endpoint.path(unitID, file), method: endpoint.method, headers: headers) { $0.status }
        }
    }

    @Test("without credentials, with an unknown, a revoked or an expired token: 401", arguments: endpoints)
    func unauthenticated(_ endpoint: Endpoint) async throws {
        let (fixture, unitID, file) = try await self.setUp()
        let account = try #require(try await fixture.store.account(loginName: "staff-\(fixture.provider.number)"))
        let revoked = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: [.send, .receive], now: fixture.clock.now)
        let revokedID = try #require(try await fixture.store.credential(secretHash: Secrets.hash(revoked))?.id)
        #expect(try await fixture.store.revokeCredential(id: revokedID, at: fixture.clock.now, audit: AuditRecord(actor: "test", office: nil, action: "revoke", subject: "")))
        let expired = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: [.send, .receive], now: fixture.clock.now, days: 1)
        fixture.clock.advance(days: 2)
        for headers: HTTPFields in [[:], bearer("cpl_not-a-token"), bearer(revoked), bearer(expired), [.authorization: "Basic dXNlcjpwYXNz"]] {
            #expect(try await self.status(fixture, endpoint, headers: headers, unitID: unitID, file: file) == .unauthorized, "\(endpoint.name) \(headers)")
        }
    }

    @Test("another office cannot see or touch the unit (404, existence not revealed)", arguments: endpoints.filter(\.perUnit))
    func otherOffice(_ endpoint: Endpoint) async throws {
        let (fixture, unitID, file) = try await self.setUp()
        #expect(try await self.status(fixture, endpoint, headers: bearer(fixture.outsiderToken), unitID: unitID, file: file) == .notFound)
        if endpoint.recipientOnly {
            #expect(try await self.status(fixture, endpoint, headers: bearer(fixture.careManagerToken), unitID: unitID, file: file) == .notFound)
        }
        if endpoint.senderOnly {
            #expect(try await self.status(fixture, endpoint, headers: bearer(fixture.providerToken), unitID: unitID, file: file) == .notFound)
            // The sender may.
            #expect(try await self.status(fixture, endpoint, headers: bearer(fixture.careManagerToken), unitID: unitID, file: file) == endpoint.allowedStatus)
        } else {
            // The addressed recipient may.
            #expect(try await self.status(fixture, endpoint, headers: bearer(fixture.providerToken), unitID: unitID, file: file) == endpoint.allowedStatus)
        }
    }

    @Test("a token without the needed scope gets 403", arguments: endpoints)
    func wrongScope(_ endpoint: Endpoint) async throws {
        let (fixture, unitID, file) = try await self.setUp()
        let party = endpoint.senderOnly || endpoint.name == "POST units" || endpoint.name == "POST batches" ? fixture.careManager : fixture.provider
        let account = try #require(try await fixture.store.account(loginName: "staff-\(party.number)"))
        let others = Scope.allCases.filter { $0 != endpoint.scope }
        let limited = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: others, now: fixture.clock.now)
        #expect(try await self.status(fixture, endpoint, headers: bearer(limited), unitID: unitID, file: file) == .forbidden)
    }

    @Test("the hub operator has no office and cannot exchange files")
    func operatorCannotExchange() async throws {
        let (fixture, _, _) = try await self.setUp()
        let account = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: "x", role: .hubOperator), audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        let token = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: Scope.allCases, now: fixture.clock.now)
        try await fixture.test { client in
            let checked1 = try await client.getJSON("/api/v1/inbox", token: token).0
            #expect(checked1 == .forbidden)
            let checked2 = try await client.upload(sampleUnit(.carePlanDeletion, second: 9), token: token).0
            #expect(checked2 == .forbidden)
            // No office, so no directory and no partners either.
            for path in ["/api/v1/offices", "/api/v1/partners", "/api/v1/month?month=202506"] {
                let checked = try await client.getJSON(path, token: token).0
                #expect(checked == .forbidden, "\(path)")
            }
        }
    }
}

/// The web pages: every route of an office needs a session of an office account; the hub operator (no office) gets
/// 403, and without a session a page leads to the login.
@Suite("Authorization (web)")
struct WebAuthorizationTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.get, "/web/outbox"), (.get, "/web/send"), (.get, "/web/month"), (.get, "/web/month.csv?month=202506"),
        (.get, "/web/partners"), (.get, "/web/paper"), (.get, "/web/settings"), (.post, "/web/settings"),
        (.post, "/web/partners/1310100012_43/request"), (.post, "/web/partners/paper"),
        (.post, "/web/partners/region/1/join"), (.post, "/web/partners/region/1/decline"), (.post, "/web/partners/region/1/leave"),
        (.post, "/web/partners/proposal/1/accept"), (.post, "/web/partners/proposal/1/decline"),
        // The operator is no local authority: the region pages are refused too (RegionTests covers the authorities).
        (.get, "/web/region"), (.get, "/web/region/subsidy.csv?region=1"), (.post, "/web/region/new"), (.post, "/web/region/1/invite"),
        (.post, "/web/region/1/remove/1310100012_43"), (.post, "/web/region/1/propose"), (.post, "/web/region/1/estimate"),
        // ソフト連携 and the checklist are an office's (OnboardingTests covers who within it).
        (.get, "/web/settings/software"), (.post, "/web/settings/software"), (.post, "/web/settings/software/1/revoke"), (.post, "/web/checklist/dismiss"),
    ]

    @Test("no session: to the login page (GET) or 401 (POST); the operator: 403; no office's settings from another's session")
    func webRoutes() async throws {
        let fixture = try await HubFixture.make()
        _ = try await fixture.store.createAccount(
            Account(officeID: nil, loginName: "operator", passwordHash: PasswordHasher.hash("operator-password-1", cost: 4), role: .hubOperator),
            audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        try await fixture.passwordAccount("helper", "helper-password-1")
        try await fixture.store.setNotificationAddress(
            officeID: fixture.careManager.id, address: "cm@example.jp", at: 0, audit: AuditRecord(actor: "test", office: nil, action: "x", subject: ""))
        try await fixture.test { client in
            let operatorCookie = try #require(try await webLogin(client, "operator", "operator-password-1", landing: "/web/operator/licences"))
            for (method, path) in Self.routes {
                let anonymous = try await client.execute(uri: path, method: method, headers: [.contentType: "application/x-www-form-urlencoded"]) { $0 }
                if method == .get {
                    #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/web/login", "\(method) \(path)")
                } else {
                    #expect(anonymous.status == .unauthorized || anonymous.headers[.location] == "/web/login", "\(method) \(path): \(anonymous.status)")
                }
                let asOperator = try await client.execute(
                    uri: path, method: method, headers: [.cookie: operatorCookie, .contentType: "application/x-www-form-urlencoded"]) { $0.status }
                #expect(asOperator == .forbidden, "\(method) \(path)")
            }
            // The inbox, where `/` and `/web` lead, sends the operator on to its own pages; without a session, to the login.
            #expect(try await client.execute(uri: "/web/inbox", method: .get, headers: [.cookie: operatorCookie]) { $0.headers[.location] } == "/web/operator/licences")
            #expect(try await client.execute(uri: "/web/inbox", method: .get) { $0.headers[.location] } == "/web/login")
            // An office sees its own address only.
            let helper = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let page = try await client.execute(uri: "/web/settings", method: .get, headers: [.cookie: helper]) { String(buffer: $0.body) }
            #expect(page.contains("通知先メールアドレス") && !page.contains("cm@example.jp"))
        }
        #expect(try await fixture.store.notificationAddress(officeID: fixture.careManager.id) == "cm@example.jp")
    }
}
