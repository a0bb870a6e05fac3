// CarePlan Link — client tests: a real hub on a loopback port, in-process, optionally over HTTPS with client certificates.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Prometheus
import Synchronization
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanClient
@testable import CarePlanHub

/// A running hub with the care manager (1310100012_43), the home-help provider (1310100021_11) and an outsider
/// (1310100039_15), each with a staff account and an API token.
struct LiveHub: Sendable {
    let baseURL: String
    let hub: Hub
    let folder: String
    /// The hub's CA certificate (PEM file) when serving HTTPS.
    let caFile: String?
    let careManagerToken: String
    let providerToken: String
    let outsiderToken: String

    var store: any HubStore { self.hub.store }

    /// Starts a hub, runs `body`, stops the hub.
    static func with<T: Sendable>(
        tls: Bool = false, faults: FaultInjector? = nil, _ body: @Sendable (LiveHub) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-live-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteHubStore.inMemory()
        var configuration = HubConfiguration.withNewKeys()
        configuration.port = 0
        configuration.limits.requestsPerMinute = 100_000
        var caFile: String?
        if tls {
            // Opening once creates the CA; the server certificate comes from it, as `careplan admin init --tls-host` does.
            let authority = try await Hub.open(store: store, configuration: configuration).certificateAuthority!
            let issued = try authority.issueServerCertificate(hosts: ["127.0.0.1", "localhost"])
            try issued.certificatePEM.write(toFile: folder + "/tls-cert.pem", atomically: true, encoding: .utf8)
            try issued.privateKeyPEM.write(toFile: folder + "/tls-key.pem", atomically: true, encoding: .utf8)
            try authority.certificatePEM.write(toFile: folder + "/hub-ca.pem", atomically: true, encoding: .utf8)
            configuration.tls = .init(certificateFile: folder + "/tls-cert.pem", privateKeyFile: folder + "/tls-key.pem")
            caFile = folder + "/hub-ca.pem"
        }
        let hub = try await Hub.open(store: store, configuration: configuration)
        let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")
        func token(_ id: OfficeID, _ name: String) async throws -> String {
            let office = try await store.createOffice(Office(number: id.number, serviceType: id.serviceType!, name: name), audit: audit)
            let account = try await store.createAccount(
                Account(officeID: office.id, loginName: "staff-\(id)", passwordHash: "x", role: .staff), audit: audit)
            let (secret, _) = try await store.issueAPIToken(accountID: account.id, label: "test", scopes: [.send, .receive], now: hub.now(), days: 1, audit: nil)
            return secret
        }
        let careManagerToken = try await token(SampleOffices.careManager, "ちよだ居宅")
        let providerToken = try await token(SampleOffices.homeHelp, "神田ヘルパー")
        let outsiderToken = try await token(SampleOffices.dayService, "麹町デイ")
        // The care manager and the provider are partners (連携先).
        if let careManager = try await store.office(number: SampleOffices.careManager.number, serviceType: SampleOffices.careManager.serviceType!),
            let provider = try await store.office(number: SampleOffices.homeHelp.number, serviceType: SampleOffices.homeHelp.serviceType!)
        {
            _ = try await store.requestPartnership(from: careManager.id, to: provider.id, at: 0, audit: audit)
            _ = try await store.answerPartnership(of: provider.id, from: careManager.id, accept: true, at: 0, audit: audit)
        }

        let router = Router(context: HubRequestContext.self)
        if let faults { router.add(middleware: faults) }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "live-hub")
        logger.logLevel = .critical
        let app = try makeApplication(hub: hub, router: try buildRouter(hub: hub, registry: PrometheusCollectorRegistry(), router: router), logger: logger) {
            channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in portStream { port = value }
        let live = LiveHub(
            baseURL: "\(tls ? "https" : "http")://127.0.0.1:\(port)", hub: hub, folder: folder, caFile: caFile,
            careManagerToken: careManagerToken, providerToken: providerToken, outsiderToken: outsiderToken)
        do {
            let result = try await body(live)
            server.cancel()
            _ = await server.result
            return result
        } catch {
            server.cancel()
            _ = await server.result
            throw error
        }
    }

    /// A client for an office, by token.
    func client(token: String, retry: RetryPolicy = RetryPolicy(attempts: 4, initialDelay: 0.05)) throws -> HubClient {
        try HubClient(connection: HubConnection(baseURL: self.baseURL, credential: .token(token), trustRootsFile: self.caFile), retry: retry)
    }

    /// Issues a client certificate for `login`'s account as `careplan admin issue-cert` does; returns the credential id
    /// and the PEM files.
    func issueCertificate(login: String) async throws -> (id: Int64, certificate: String, key: String) {
        let account = try #require(try await self.store.account(loginName: login))
        let office = try #require(try await self.store.office(id: account.officeID!))
        let (issued, credential) = try await self.hub.issueClientCertificate(for: account, office: office, days: 30, actor: "test")
        let base = "\(self.folder)/\(login)-\(credential.id)"
        try issued.certificatePEM.write(toFile: base + ".crt.pem", atomically: true, encoding: .utf8)
        try issued.privateKeyPEM.write(toFile: base + ".key.pem", atomically: true, encoding: .utf8)
        return (credential.id, base + ".crt.pem", base + ".key.pem")
    }
}

/// Cuts the connection in the middle of the first `count` file downloads: the hub sends the headers and half the bytes,
/// then drops the connection, as a failing network would.
final class FaultInjector: RouterMiddleware, Sendable {
    typealias Context = HubRequestContext
    private let remaining: Mutex<Int>
    private let passFirst: Mutex<Int>
    private let gatewayErrors: Mutex<Int>

    /// Drops `count` downloads after letting the first `after` through, and answers the first `gatewayErrors` requests
    /// with a proxy's 502 page (HTML, not the hub's JSON).
    init(dropDownloads count: Int, after: Int = 0, gatewayErrors: Int = 0) {
        self.remaining = Mutex(count)
        self.passFirst = Mutex(after)
        self.gatewayErrors = Mutex(gatewayErrors)
    }

    var gatewayErrorsLeft: Int { self.gatewayErrors.withLock { $0 } }

    /// Answers the next `count` requests with a proxy's 502 page.
    func failNext(_ count: Int) { self.gatewayErrors.withLock { $0 = count } }

    /// Download requests that asked to resume (`Range`).
    private let ranges = Mutex<[String]>([])
    var rangeRequests: [String] { self.ranges.withLock { $0 } }

    var dropsLeft: Int { self.remaining.withLock { $0 } }

    struct Dropped: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let gateway = self.gatewayErrors.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if gateway {
            return Response(
                status: .badGateway, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><body><h1>502 Bad Gateway</h1></body></html>")))
        }
        if let range = request.headers[.range] { self.ranges.withLock { $0.append(range) } }
        let response = try await next(request, context)
        guard request.method == .get, request.uri.path.contains("/files/"), response.status == .ok || response.status == .partialContent,
            self.passFirst.withLock({ count in
                guard count > 0 else { return true }
                count -= 1
                return false
            }),
            self.remaining.withLock({ count in
                guard count > 0 else { return false }
                count -= 1
                return true
            })
        else { return response }
        let collected = CollectingWriter.Box()
        try await response.body.write(CollectingWriter(box: collected))
        let bytes = collected.bytes
        var cut = response
        cut.body = ResponseBody(contentLength: bytes.readableBytes) { writer in
            try await writer.write(bytes.getSlice(at: bytes.readerIndex, length: bytes.readableBytes / 2)!)
            throw Dropped()
        }
        return cut
    }
}

struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        var bytes = ByteBuffer()
    }
    let box: Box
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.box.bytes.writeBuffer(&buffer)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// The files of a sample unit.
func sampleUnit(_ pattern: SamplePattern, users: Int = 2, timestamp: String, month: YearMonth = YearMonth(year: 2025, month: 6)!) -> [(name: String, bytes: [UInt8])] {
    let factory = SampleFactory(month: month, userCount: users, timestamp: FileTimestamp(timestamp)!)
    return factory.files(for: pattern).map { ($0.name.description, $0.bytes) }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes unit files into `folder`; returns their paths.
@discardableResult
func write(_ files: [(name: String, bytes: [UInt8])], to folder: String) throws -> [String] {
    try files.map { file in
        let path = (folder as NSString).appendingPathComponent(file.name)
        try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Every file under `folder`, recursively, relative paths sorted.
func listing(_ folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
}
