// CarePlan Link — CarePlanClient
public import CarePlanExchange
import AsyncHTTPClient
import CarePlanCSV
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// Where the hub is and how to prove who we are.
public struct HubConnection: Sendable {
    /// e.g. `https://hub.example.jp:8443` (no trailing slash needed).
    public var baseURL: String
    public var credential: Credential
    /// PEM file of the hub's CA (`GET /api/v1/ca.pem`, or `hub-ca.pem` from `careplan admin issue-cert`) when the hub's
    /// server certificate is issued by it; nil trusts the system roots.
    public var trustRootsFile: String?

    public enum Credential: Sendable {
        /// An API token (`careplan admin create-token`).
        case token(String)
        /// A client certificate and its key (PEM, `careplan admin issue-cert`): mutual TLS, no token.
        case certificate(certificateFile: String, privateKeyFile: String)
    }

    public init(baseURL: String, credential: Credential, trustRootsFile: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credential = credential
        self.trustRootsFile = trustRootsFile
    }
}

/// How often and how long to retry when the network fails or the hub is busy (429/502/503/504).
public struct RetryPolicy: Sendable {
    public var attempts: Int
    /// Delay before the second attempt; doubles each time, with ±20 % jitter, up to `maximumDelay`.
    public var initialDelay: Double
    public var maximumDelay: Double

    public init(attempts: Int = 6, initialDelay: Double = 0.25, maximumDelay: Double = 15) {
        self.attempts = attempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }
}

/// The システム連携API client that care software embeds: upload send units, list the inbox and outbox, download files
/// (streamed to disk, SHA-256 checked, fsync'ed), report imports, withdraw and re-send, and fetch receipts. Network failures and busy answers are
/// retried with exponential backoff; every operation is idempotent on the hub, so a retry never duplicates anything.
public final class HubClient: Sendable {
    public let connection: HubConnection
    public let retry: RetryPolicy
    private let http: HTTPClient
    private let logger: Logger

    public init(connection: HubConnection, retry: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "careplan.client")) throws {
        self.connection = connection
        self.retry = retry
        self.logger = logger
        var tls = TLSConfiguration.makeClientConfiguration()
        if let roots = connection.trustRootsFile {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(roots))
        }
        if case .certificate(let certificateFile, let keyFile) = connection.credential {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
        }
        self.http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: .init(tlsConfiguration: tls, timeout: .init(connect: .seconds(5), read: .seconds(120))))
    }

    /// Closes the connection pool; call once when done.
    public func shutdown() async throws {
        try await self.http.shutdown()
    }

    deinit {
        // A client dropped without `shutdown()` (an error thrown past it) still closes its pool: async-http-client
        // would otherwise leak it, and stop a debug build. After `shutdown()` this is a no-op that fails quietly.
        _ = self.http.shutdown()
    }

    // MARK: - Sending

    /// Uploads one send unit (the files of one ファイル連番). The hub validates it and answers with a signed receipt.
    public func send(_ files: [(name: String, bytes: [UInt8])]) async throws -> UploadResult {
        let body = MultipartBody(files: files, boundary: "careplan-" + UUID().uuidString)
        let (status, bytes) = try await self.call(.POST, "/api/v1/units", headers: ["Content-Type": body.contentType], body: ByteBuffer(bytes: body.bytes))
        guard status == 200 || status == 201, let result = try? JSONDecoder().decode(UploadResult.self, from: Data(bytes)) else {
            throw HubClientError.unexpectedResponse("upload answered \(status)")
        }
        return result
    }

    // MARK: - Listings

    /// One page of the inbox; `states` filters (e.g. `["accepted", "downloaded"]` for what is not yet imported).
    public func inbox(states: [String]? = nil, cursor: String? = nil, limit: Int = 100) async throws -> UnitPage {
        var query = Self.pageQuery(cursor: cursor, limit: limit)
        if let states { query.append("state=" + states.joined(separator: ",")) }
        return try await self.decode(UnitPage.self, .GET, "/api/v1/inbox?" + query.joined(separator: "&"))
    }

    /// Every unit addressed to us that is neither imported nor refused yet (accepted, or downloaded and not yet
    /// reported), oldest first (all pages).
    public func pendingUnits() async throws -> [UnitView] {
        var units: [UnitView] = []
        var cursor: String?
        repeat {
            let page = try await self.inbox(states: ["accepted", "downloaded"], cursor: cursor, limit: 500)
            units += page.units
            cursor = page.nextCursor
        } while cursor != nil
        return units
    }

    /// One page of the outbox, with each unit's state (受付済 / 受信済 / 取込済 / 期限切れ).
    public func outbox(cursor: String? = nil, limit: Int = 100) async throws -> UnitPage {
        try await self.decode(UnitPage.self, .GET, "/api/v1/outbox?" + Self.pageQuery(cursor: cursor, limit: limit).joined(separator: "&"))
    }

    /// `limit=` and, when paging on, the opaque `cursor=` (encoded: it may hold characters that mean something in a query).
    private static func pageQuery(cursor: String?, limit: Int) -> [String] {
        var query = ["limit=\(limit)"]
        if let cursor { query.append("cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["+", "&", "="])) ?? cursor)) }
        return query
    }

    public func unit(id: String) async throws -> UnitView {
        try await self.decode(UnitView.self, .GET, "/api/v1/units/\(id)")
    }

    // MARK: - Receiving

    /// Streams a file of a unit to `path` (via `path.part`), checks its SHA-256 against the listing, fsyncs it and
    /// renames it into place; `path` never holds a partial file. A transfer cut short is resumed where it stopped
    /// (`Range: bytes=N-`), within this call's retries and across runs, since the `.part` file stays until it is complete.
    /// - Parameter received: called with the size of each chunk written (for progress).
    public func download(
        unitID: String, file: UnitView.File, to path: String, received: (Int) -> Void = { _ in }
    ) async throws {
        try await self.withRetry("download \(file.name)") {
            let writer = try DurableFile.StreamingWriter(finalPath: path, resume: true)
            // A .part as long as the file but not yet committed is suspect: fetch it again.
            if writer.size >= file.size { try writer.restart() }
            var request = HTTPClientRequest(url: self.connection.baseURL + "/api/v1/units/\(unitID)/files/\(file.name)")
            self.authorize(&request)
            if writer.size > 0 { request.headers.add(name: "Range", value: "bytes=\(writer.size)-") }
            // The deadline grows with the file (at least 20 kB/s), so a slow link is not cut off forever; the read
            // timeout still catches a stalled transfer.
            let response = try await self.http.execute(request, timeout: .seconds(max(300, Int64(file.size / 20_000))), logger: self.logger)
            switch response.status {
            case .partialContent:
                guard response.headers.first(name: "Content-Range")?.hasPrefix("bytes \(writer.size)-") == true else {
                    // Not the part we asked for: empty the .part and try again from the start.
                    try writer.restart()
                    writer.suspend()
                    throw RestartTransfer()
                }
            case .ok:
                try writer.restart()  // the hub sent the whole file
            default:
                let bytes = try await response.body.collect(upTo: 1 << 20)
                let error = Self.rejection(status: Int(response.status.code), body: Array(buffer: bytes), headers: response.headers)
                // Busy: keep the bytes for the retry; refused: the .part is of no further use.
                if error is Busy { writer.suspend() } else { writer.discard() }
                throw error
            }
            do {
                for try await chunk in response.body {
                    try writer.append(chunk.readableBytesView)
                    received(chunk.readableBytes)
                }
            } catch {
                writer.suspend()  // keep what arrived; the next attempt resumes after it
                throw error
            }
            guard writer.digest == file.sha256 else {
                writer.discard()
                throw HubClientError.integrity(file: file.name, expected: file.sha256, actual: writer.digest)
            }
            _ = try writer.commit()
        }
    }

    /// Tells the hub what the recipient's import did with a unit it downloaded completely: applied (取込済) or refused
    /// (取込不可, with the problems; the hub keeps their locations and rule codes, never values). Returns the signed
    /// receipt; reporting the same outcome again returns the first one.
    public func reportImport(unitID: String, _ report: ImportReportRequest) async throws -> SignedReceipt {
        let body = try JSONEncoder().encode(report)
        return try await self.decode(
            SignedReceipt.self, .POST, "/api/v1/units/\(unitID)/import", headers: ["Content-Type": "application/json"], body: ByteBuffer(bytes: body))
    }

    /// Withdraws (取り下げ) a unit we sent, while its recipient has downloaded nothing; returns the signed receipt.
    public func withdraw(unitID: String) async throws -> SignedReceipt {
        try await self.decode(SignedReceipt.self, .POST, "/api/v1/units/\(unitID)/withdraw")
    }

    /// Sends the kept files of our expired unit again, as a new unit with the same ファイル連番 (while the hub keeps them
    /// and when the recipient downloaded none of them).
    public func resend(unitID: String) async throws -> UploadResult {
        try await self.decode(UploadResult.self, .POST, "/api/v1/units/\(unitID)/resend")
    }

    /// The unit's signed receipts: acceptance, then each later change (受信, 取込 or 取込不可, 取り下げ, 期限切れ).
    public func receipts(unitID: String) async throws -> [SignedReceipt] {
        try await self.decode([SignedReceipt].self, .GET, "/api/v1/units/\(unitID)/receipts")
    }

    // MARK: - Plumbing

    func decode<T: Decodable>(
        _ type: T.Type, _ method: HTTPMethod, _ path: String, headers: [String: String] = [:], body: ByteBuffer? = nil
    ) async throws -> T {
        let (_, bytes) = try await self.call(method, path, headers: headers, body: body)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw HubClientError.unexpectedResponse("\(path): \(error)")
        }
    }

    /// One request with retries; a 2xx answer returns its body, anything else throws ``HubClientError/rejected``.
    func call(_ method: HTTPMethod, _ path: String, headers: [String: String] = [:], body: ByteBuffer? = nil) async throws -> (Int, [UInt8]) {
        try await self.withRetry("\(method) \(path)") {
            var request = HTTPClientRequest(url: self.connection.baseURL + path)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body { request.body = .bytes(body) }
            self.authorize(&request)
            let response = try await self.http.execute(request, timeout: .seconds(300), logger: self.logger)
            let bytes = Array(buffer: try await response.body.collect(upTo: 256 << 20))
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else { throw Self.rejection(status: status, body: bytes, headers: response.headers) }
            return (status, bytes)
        }
    }

    private func authorize(_ request: inout HTTPClientRequest) {
        if case .token(let token) = self.connection.credential { request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
    }

    private static func rejection(status: Int, body: [UInt8], headers: HTTPHeaders) -> any Error {
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(body))
        let error = HubClientError.rejected(
            status: status, code: envelope?.error.code ?? "http.\(status)",
            message: envelope?.error.message ?? String(decoding: body.prefix(300), as: UTF8.self), details: envelope?.error.details ?? [])
        // Busy, or a gateway in between (its body is not ours): worth another attempt.
        if [429, 502, 503, 504].contains(status) { return Busy(error: error, retryAfter: headers.first(name: "Retry-After").flatMap(Double.init)) }
        return error
    }

    /// A 206 for another range than asked: retried from the first byte.
    private struct RestartTransfer: Error {}

    /// A busy answer worth retrying after a pause.
    private struct Busy: Error {
        let error: HubClientError
        let retryAfter: Double?
    }

    /// Runs `operation`, retrying network failures and busy answers with exponential backoff. Refusals (4xx) and
    /// integrity errors of a complete transfer are not retried except when the bytes may have been cut short.
    private func withRetry<T: Sendable>(_ what: String, _ operation: () async throws -> T) async throws -> T {
        var delay = self.retry.initialDelay
        var lastError: any Error = HubClientError.unreachable(attempts: 0, underlying: "")
        for attempt in 1...max(1, self.retry.attempts) {
            do {
                return try await operation()
            } catch let error as HubClientError {
                guard case .integrity = error else { throw error }
                lastError = error
            } catch let busy as Busy {
                lastError = busy.error
                // Honour Retry-After, but never beyond the policy's longest pause.
                if let wait = busy.retryAfter { delay = min(max(delay, wait), self.retry.maximumDelay) }
            } catch is CancellationError {
                throw CancellationError()
            } catch let error as DurableFile.IOError {
                throw error
            } catch let error where Self.isPermanent(error) {
                throw HubClientError.unreachable(attempts: attempt, underlying: "\(error)")
            } catch {
                lastError = error
            }
            guard attempt < self.retry.attempts else { break }
            self.logger.notice("retrying", metadata: ["operation": "\(what)", "attempt": "\(attempt)", "error": "\(lastError)"])
            try await Task.sleep(for: .seconds(delay * Double.random(in: 0.8...1.2)))
            delay = min(delay * 2, self.retry.maximumDelay)
        }
        if let hubError = lastError as? HubClientError, case .rejected = hubError { throw hubError }
        if let hubError = lastError as? HubClientError, case .integrity = hubError { throw hubError }
        throw HubClientError.unreachable(attempts: self.retry.attempts, underlying: "\(lastError)")
    }

    /// Failures another attempt cannot fix: TLS trust or certificate problems, an answer larger than allowed.
    private static func isPermanent(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOTooManyBytesError
    }
}
