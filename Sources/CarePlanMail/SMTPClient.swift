// CarePlan Link — CarePlanMail
import Foundation
import NIOCore
import NIOPosix
public import NIOSSL
import Synchronization

/// Hands messages to an SMTP server (RFC 5321): EHLO, STARTTLS (RFC 3207) or TLS from the start, AUTH PLAIN or
/// LOGIN (RFC 4954), MAIL, RCPT, DATA, QUIT. One connection per message: the hub sends a few digests per minute, not
/// a stream, and a fresh connection has no state left over from a failed exchange.
public struct SMTPClient: Sendable {
    public enum Security: String, Codable, Sendable {
        /// Plain text, upgraded with STARTTLS; refuses to go on when the server does not offer it (port 587).
        case startTLS
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only for a relay on the same machine or in tests.
        case none
    }

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        /// The name this client gives in EHLO.
        public var heloName: String
        /// The whole exchange, from connecting to QUIT.
        public var timeoutSeconds: Double
        /// Certificates and roots to trust for TLS; the system's roots by default.
        public var tls: TLSConfiguration

        public init(
            host: String, port: Int, security: Security = .startTLS, username: String? = nil, password: String? = nil,
            heloName: String = "localhost", timeoutSeconds: Double = 30, tls: TLSConfiguration = .makeClientConfiguration()
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.username = username
            self.password = password
            self.heloName = heloName
            self.timeoutSeconds = timeoutSeconds
            self.tls = tls
        }
    }

    public let configuration: Configuration
    private let sslContext: NIOSSLContext

    /// - Throws: NIOSSL's error when the TLS configuration cannot be used (e.g. a trust-root file that does not
    ///   parse): checked once, when the hub starts, not at every mail.
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        self.sslContext = try NIOSSLContext(configuration: configuration.tls)
    }

    /// Sends one message; throws ``SMTPError`` when the server did not accept it for every recipient.
    public func send(_ message: MailMessage) async throws {
        let configuration = self.configuration
        let started = ContinuousClock.now
        let sslContext = self.sslContext
        let received = ByteCounter()
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(Int64(configuration.timeoutSeconds * 1000)))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if configuration.security == .tls {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: sslContext, serverHostname: Self.serverHostname(configuration.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(received)
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.connectionFailed("\(configuration.host):\(configuration.port): \(error)")
        }
        // The deadline closes the connection, which ends any wait for a reply.
        let deadline = channel.channel.eventLoop.scheduleTask(in: .milliseconds(Int64(configuration.timeoutSeconds * 1000))) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var conversation = SMTPConversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
                try await conversation.expect(220, after: "connect")
                var extensions = try await conversation.send("EHLO \(configuration.heloName)", expect: [250])
                if configuration.security == .startTLS {
                    guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.startTLSNotOffered }
                    _ = try await conversation.send("STARTTLS", expect: [220])
                    let hostname = Self.serverHostname(configuration.host)
                    let consumed = conversation.bytesRead
                    // TLS goes in front, on the channel's own loop. Any byte that arrived in clear after the 220 (a
                    // whole line waiting to be read, or part of one in the decoder) would be read as if it came over
                    // TLS: a man in the middle could answer for the server (RFC 3207 §4.2, CVE-2011-0411). So every
                    // byte received must be one the conversation has read; otherwise refuse.
                    try await channel.channel.eventLoop.submit {
                        guard received.count == consumed else { throw SMTPError.plaintextAfterStartTLS }
                        try channel.channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: sslContext, serverHostname: hostname), position: .first)
                    }.get()
                    extensions = try await conversation.send("EHLO \(configuration.heloName)", expect: [250])
                }
                if let username = configuration.username, !username.isEmpty {
                    try await Self.authenticate(&conversation, username: username, password: configuration.password ?? "", extensions: extensions)
                }
                _ = try await conversation.send("MAIL FROM:<\(message.from)>", expect: [250])
                for recipient in message.to {
                    // The address stays out of the error (and so of the log).
                    _ = try await conversation.send("RCPT TO:<\(recipient)>", expect: [250, 251], shownAs: "RCPT TO")
                }
                _ = try await conversation.send("DATA", expect: [354])
                _ = try await conversation.send(Self.dotStuffed(message.rendered()) + ".", expect: [250], shownAs: "DATA (message)")
                // The message is accepted; a server that drops the line instead of answering QUIT changes nothing.
                _ = try? await conversation.send("QUIT", expect: [221])
            }
        } catch let error as SMTPError {
            if ContinuousClock.now - started >= .milliseconds(Int64(configuration.timeoutSeconds * 1000)) {
                throw SMTPError.timedOut(seconds: configuration.timeoutSeconds)
            }
            throw error
        } catch {
            if ContinuousClock.now - started >= .milliseconds(Int64(configuration.timeoutSeconds * 1000)) {
                throw SMTPError.timedOut(seconds: configuration.timeoutSeconds)
            }
            throw SMTPError.connectionFailed("\(error)")
        }
    }

    private static func authenticate(_ conversation: inout SMTPConversation, username: String, password: String, extensions: [String]) async throws {
        let mechanisms = extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst().map(String.init) ?? []
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            _ = try await conversation.send("AUTH PLAIN \(token)", expect: [235], shownAs: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            _ = try await conversation.send("AUTH LOGIN", expect: [334])
            _ = try await conversation.send(Data(username.utf8).base64EncodedString(), expect: [334], shownAs: "AUTH LOGIN (user)")
            _ = try await conversation.send(Data(password.utf8).base64EncodedString(), expect: [235], shownAs: "AUTH LOGIN (password)")
        } else {
            throw SMTPError.authenticationNotOffered
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets one more.
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }

    /// TLS's server name: none for an IP address (SNI carries host names only).
    private static func serverHostname(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}

/// Counts the bytes received, before any decoding, on the channel's loop (see STARTTLS in ``SMTPClient/send(_:)``).
final class ByteCounter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let bytes = Mutex(0)
    var count: Int { self.bytes.withLock { $0 } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let length = self.unwrapInboundIn(data).readableBytes
        self.bytes.withLock { $0 += length }
        context.fireChannelRead(data)
    }
}

/// Reply lines, each with its line ending, at most 4 KiB (RFC 5321 §4.5.3.1.5 allows 512 octets). Written here
/// rather than NIOExtras' `LineBasedFrameDecoder`, which strips the ending and has no length bound: the STARTTLS check
/// needs the exact bytes each line took, and a server must not grow a line without end.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    static let maxLineBytes = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let end = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineBytes { throw SMTPError.malformedReply("a reply line longer than \(Self.maxLineBytes) bytes") }
            return .needMoreData
        }
        guard let line = buffer.readSlice(length: end - view.startIndex + 1) else { return .needMoreData }
        context.fireChannelRead(self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try self.decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// One SMTP exchange: commands out, replies in (a reply is one or more `NNN-text` lines ending with `NNN text`).
struct SMTPConversation {
    var replies: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Bytes of the reply lines read so far.
    private(set) var bytesRead = 0

    /// Sends `command` and reads the reply; the reply's lines after the code (for EHLO: the extensions).
    mutating func send(_ command: String, expect codes: Set<Int>, shownAs shown: String? = nil) async throws -> [String] {
        let shown = shown ?? command
        try await self.outbound.write(ByteBuffer(string: command + "\r\n"))
        return try await self.expect(codes, after: shown)
    }

    /// Servers repeat the address in refusals (`550 5.1.1 <a@example.jp>: Recipient address rejected`); the error,
    /// which is logged and stored, keeps the words without it.
    static func withoutAddresses(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { $0.contains("@") ? "<address>" : String($0) }.joined(separator: " ")
    }

    mutating func expect(_ code: Int, after command: String) async throws {
        _ = try await self.expect([code], after: command)
    }

    mutating func expect(_ codes: Set<Int>, after command: String) async throws -> [String] {
        var lines: [String] = []
        while true {
            guard var buffer = try await self.replies.next() else { throw SMTPError.connectionClosed(command: command) }
            self.bytesRead += buffer.readableBytes
            var line = buffer.readString(length: buffer.readableBytes) ?? ""
            // "\r\n" is one Character in Swift: one removeLast takes either ending.
            if line.hasSuffix("\r\n") || line.hasSuffix("\n") { line.removeLast() }
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError.malformedReply(Self.withoutAddresses(line)) }
            let separator = line.dropFirst(3).first
            lines.append(String(line.dropFirst(4)))
            if separator == "-" { continue }
            guard codes.contains(code) else {
                throw SMTPError.unexpectedReply(command: command, code: code, text: Self.withoutAddresses(lines.joined(separator: " ")))
            }
            return lines
        }
    }
}
