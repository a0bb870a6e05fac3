// CarePlan Link — hub test helpers: a hub on an in-memory store with three offices and their tokens.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import Synchronization
import Testing
import CarePlanExchange
import CarePlanForms
import CarePlanHubStore

@testable import CarePlanHub

/// A settable clock for retention and expiry tests.
final class TestClock: Sendable {
    private let value = Mutex<Double>(1_750_000_000)
    var now: Double { self.value.withLock { $0 } }
    func advance(days: Double) { self.value.withLock { $0 += days * 86_400 } }
}

/// A hub with offices: the care manager (1310100012_43) and the home-help provider (1310100021_11), linked partners,
/// and an unrelated day-service office (1310100039_15), each with a staff account and an API token.
struct HubFixture {
    let store: any HubStore
    let hub: Hub
    let clock: TestClock
    let careManager: Office
    let provider: Office
    let outsider: Office
    /// Bearer tokens by office.
    let careManagerToken: String
    let providerToken: String
    let outsiderToken: String

    static func make(
        configure: (inout HubConfiguration) -> Void = { _ in }, store: (any HubStore)? = nil, pdfPrinter: PDFPrinter = .find()
    ) async throws -> HubFixture {
        let store = try await TestStores.given(store)
        var configuration = HubConfiguration.withNewKeys()
        // Served tests listen on a free port each.
        configuration.port = 0
        configure(&configuration)
        let clock = TestClock()
        let hub = try await Hub.open(store: store, configuration: configuration, now: { clock.now }, pdfPrinter: pdfPrinter)
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        func office(_ id: OfficeID, _ name: String) async throws -> Office {
            try await store.createOffice(Office(number: id.number, serviceType: id.serviceType!, name: name), audit: audit)
        }
        let careManager = try await office(SampleOffices.careManager, "ちよだ居宅")
        let provider = try await office(SampleOffices.homeHelp, "神田ヘルパー")
        let outsider = try await office(SampleOffices.dayService, "麹町デイ")
        // The care manager and the provider are partners (連携先); the outsider is no one's.
        try await link(careManager, provider, store: store)
        func token(for office: Office, scopes: [Scope] = [.send, .receive]) async throws -> String {
            let account = try await store.createAccount(
                Account(officeID: office.id, loginName: "staff-\(office.number)", passwordHash: "x", role: .staff), audit: audit)
            return try await HubFixture.issueToken(store: store, accountID: account.id, scopes: scopes, now: clock.now)
        }
        return HubFixture(
            store: store, hub: hub, clock: clock, careManager: careManager, provider: provider, outsider: outsider,
            careManagerToken: try await token(for: careManager), providerToken: try await token(for: provider), outsiderToken: try await token(for: outsider))
    }

    static func issueToken(store: any HubStore, accountID: Int64, scopes: [Scope], now: Double, days: Double = 365) async throws -> String {
        let (secret, _) = try await store.issueAPIToken(accountID: accountID, label: "test", scopes: scopes, now: now, days: days, audit: nil)
        return secret
    }

    /// A staff account that logs in with `password` (of the provider's office unless another is given). Hashed at a
    /// low bcrypt cost: the cost is read from the hash, and the suites create many accounts.
    func passwordAccount(_ login: String, _ password: String, office: Office? = nil) async throws {
        _ = try await self.store.createAccount(
            Account(officeID: (office ?? self.provider).id, loginName: login, passwordHash: PasswordHasher.hash(password, cost: 4), role: .staff),
            audit: AuditRecord(actor: "test", office: nil, action: "setup", subject: ""))
    }

    /// The application over this fixture's hub.
    func application() throws -> some ApplicationProtocol {
        Application(router: try buildRouter(hub: self.hub, registry: PrometheusCollectorRegistry()))
    }

    /// Runs `body` with a router-level test client.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await self.application().test(.router, body)
    }

    /// Runs `body` with a router-level test client and returns its result.
    func testValue<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await self.application().test(.router, body)
    }
}

/// Links two offices as partners: `office` asks, `partner` accepts.
func link(_ office: Office, _ partner: Office, store: any HubStore) async throws {
    let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
    _ = try await store.requestPartnership(from: office.id, to: partner.id, at: 0, audit: audit)
    _ = try await store.answerPartnership(of: partner.id, from: office.id, accept: true, at: 0, audit: audit)
}

/// A sample unit's files for upload.
func sampleUnit(_ pattern: SamplePattern, users: Int = 2, second: Int = 0, month: YearMonth = YearMonth(year: 2025, month: 6)!) -> [(name: String, bytes: [UInt8])] {
    var factory = SampleFactory(month: month, userCount: users)
    factory.timestamp = FileTimestamp(String(factory.timestamp.description.prefix(12)) + String(format: "%02d", second))!
    return factory.files(for: pattern).map { ($0.name.description, $0.bytes) }
}

/// A multipart/form-data body with one part per file (the client's ``MultipartBody``).
func multipart(
    _ files: [(name: String, bytes: [UInt8])], fields: [(name: String, value: String)] = [], boundary: String = "careplan-test-boundary"
) -> (HTTPFields, ByteBuffer) {
    let body = MultipartBody(files: files, fields: fields, boundary: boundary)
    return ([.contentType: body.contentType], ByteBuffer(bytes: body.bytes))
}

func bearer(_ token: String, _ headers: HTTPFields = [:]) -> HTTPFields {
    var headers = headers
    headers[.authorization] = "Bearer \(token)"
    return headers
}

extension TestClientProtocol {
    /// Uploads `files` with `token`; returns the status and the decoded JSON.
    func upload(_ files: [(name: String, bytes: [UInt8])], token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (headers, body) = multipart(files)
        return try await self.execute(uri: "/api/v1/units", method: .post, headers: bearer(token, headers), body: body) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:])
        }
    }

    func getJSON(_ uri: String, token: String) async throws -> (HTTPResponse.Status, Any?) {
        try await self.execute(uri: uri, method: .get, headers: bearer(token)) { response in
            (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
        }
    }
}

/// The hidden inputs of a page's forms, as a browser would send them (entities decoded).
func hiddenFields(_ html: String) -> [(name: String, value: String)] {
    let pattern = try! Regex(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
    return html.matches(of: pattern).map { match in
        let decode = { (text: Substring) in
            String(text).replacingOccurrences(of: "&#61;", with: "=").replacingOccurrences(of: "&#x3D;", with: "=").replacingOccurrences(of: "&#x2F;", with: "/")
                .replacingOccurrences(of: "&#43;", with: "+").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        return (decode(match.output[1].substring!), decode(match.output[2].substring!))
    }
}
