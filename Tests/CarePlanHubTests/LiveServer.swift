// CarePlan Link — hub test helpers: the fixture's hub served on a loopback port, and a raw socket to talk to it as a
// misbehaving client would (half-sent requests, cut bodies, slow uploads).
import Dispatch
import Foundation
import CarePlanExchange
import CarePlanHubStore
import Hummingbird
import Logging
import NIOCore
import Prometheus

@testable import CarePlanHub

#if canImport(Glibc)
import Glibc
#endif

extension HubFixture {
    /// Serves this fixture's hub on 127.0.0.1 (a free port) while `body` runs. `router` may come with test middleware.
    func serve<T: Sendable>(
        router: Router<HubRequestContext> = Router(context: HubRequestContext.self), _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "hardening-tests")
        logger.logLevel = .critical
        let app = try makeApplication(hub: self.hub, router: try buildRouter(hub: self.hub, registry: PrometheusCollectorRegistry(), router: router), logger: logger) {
            channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        // A server that fails to start (a taken port) ends the stream too, so the wait below cannot hang.
        let server = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var port = 0
        for await value in ports { port = value }
        guard port != 0 else {
            try await server.value
            throw RawConnection.Failure(description: "the hub did not start")
        }
        defer { server.cancel() }
        let result = try await body(port)
        server.cancel()
        _ = await server.result
        return result
    }
}

/// Runs blocking socket work off the cooperative thread pool (the server's handlers need those threads).
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// A plain TCP connection to the hub, with no HTTP library in between.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int) throws {
        self.socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard self.socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(self.socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // On failure deinit closes the socket (every stored property is set, so it runs).
        guard connected == 0 else { throw Failure(description: "connect: \(errno)") }
    }

    deinit { Glibc.close(self.socket) }

    /// Sends bytes; false when the peer has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(self.socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { self.send(Array(text.utf8)) }

    /// Reads what arrives within `timeout` seconds, until the peer closes or a whole response (head and a
    /// Content-Length body) is in. Returns the text and whether the peer closed.
    func read(timeout: Double) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: self.socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            if ready <= 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = buffer.withUnsafeMutableBytes { Glibc.recv(self.socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[..<count]
            if Self.isComplete(received) { return (String(decoding: received, as: UTF8.self), false) }
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// Whether the peer closes the connection within `timeout` seconds (anything it sends first is read and dropped).
    func closes(within timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if self.read(timeout: deadline.timeIntervalSinceNow).closed { return true }
        }
        return false
    }

    /// Whether the peer has closed both directions within `timeout` seconds: a peer that only half-closed (sent FIN,
    /// still reading) keeps accepting bytes, while writing to a fully closed socket fails with a reset.
    func peerFullyCloses(within timeout: Double) -> Bool {
        let chunk = [UInt8](repeating: 0x41, count: 16_384)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !self.send(chunk) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<headEnd.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return true }
        return text.utf8.count - text[..<headEnd.upperBound].utf8.count >= length
    }
}

extension String {
    /// The status code of a raw HTTP response.
    var httpStatus: Int? {
        guard self.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(self.dropFirst(9).prefix(3))
    }
}
