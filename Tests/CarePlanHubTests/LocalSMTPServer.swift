// CarePlan Link — a real SMTP server on loopback for the notification tests (SwiftNIO): EHLO, STARTTLS, AUTH PLAIN,
// MAIL, RCPT, DATA, QUIT, recording every message; replies can be made to fail.
import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import Synchronization

final class LocalSMTPServer: Sendable {
    struct Received: Sendable {
        var mailFrom = ""
        var recipients: [String] = []
        /// The DATA lines as received (dot-stuffing undone), CRLF-joined.
        var data = ""
        var authentication: String?
        var overTLS = false
        var commands: [String] = []
    }

    struct Behaviour: Sendable {
        /// AUTH PLAIN must carry this user and password.
        var credentials: (user: String, password: String)?
        /// Offer STARTTLS with this certificate and key.
        var tls: NIOSSLContext?
        /// The first this many messages get `451` after DATA (a temporary failure).
        var temporaryFailures = 0
        /// Every RCPT gets `550`, naming the address as Postfix does.
        var refuseRecipients = false
        /// After STARTTLS's `220`, these bytes in clear in the same packet (a man in the middle's trick): whole forged
        /// replies, or the start of one.
        var injectAfterStartTLS: String?
    }

    private let recorder: Recorder
    let behaviour: Behaviour
    private let channel: any Channel
    var port: Int { self.channel.localAddress?.port ?? 0 }
    var received: [Received] { self.recorder.state.withLock { $0.received } }

    init(_ behaviour: Behaviour = Behaviour()) async throws {
        let server = Recorder(failures: behaviour.temporaryFailures)
        self.recorder = server
        self.behaviour = behaviour
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Session(behaviour: behaviour, server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async throws { try await self.channel.close() }

    /// What the sessions report: the messages, and how many temporary failures are still to give.
    private final class Recorder: Sendable {
        let state: Mutex<(received: [Received], failuresLeft: Int)>
        init(failures: Int) { self.state = Mutex(([], failures)) }

        func record(_ received: Received) { self.state.withLock { $0.received.append(received) } }

        func fail() -> Bool {
            self.state.withLock { value in
                guard value.failuresLeft > 0 else { return false }
                value.failuresLeft -= 1
                return true
            }
        }
    }

    /// One connection's conversation.
    private final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let behaviour: Behaviour
        let server: Recorder
        var current = Received()
        var inData = false
        var overTLS = false

        init(behaviour: Behaviour, server: Recorder) {
            self.behaviour = behaviour
            self.server = server
        }

        func channelActive(context: ChannelHandlerContext) {
            self.reply(context, "220 localhost ESMTP test")
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = self.unwrapInboundIn(data)
            var line = buffer.readString(length: buffer.readableBytes) ?? ""
            if line.hasSuffix("\r") { line.removeLast() }
            if self.inData {
                if line == "." {
                    self.inData = false
                    if self.server.fail() {
                        self.reply(context, "451 4.3.0 try again later")
                    } else {
                        self.current.overTLS = self.overTLS
                        self.server.record(self.current)
                        self.reply(context, "250 2.0.0 queued")
                    }
                    let authentication = self.current.authentication
                    self.current = Received()
                    self.current.authentication = authentication
                } else {
                    self.current.data += (line.hasPrefix(".") ? String(line.dropFirst()) : line) + "\r\n"
                }
                return
            }
            self.current.commands.append(line.hasPrefix("AUTH") ? "AUTH" : line)
            let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
            switch verb {
            case "EHLO":
                var lines = ["250-localhost"]
                if self.behaviour.tls != nil && !self.overTLS { lines.append("250-STARTTLS") }
                if self.behaviour.credentials != nil { lines.append("250-AUTH PLAIN LOGIN") }
                lines.append("250 8BITMIME")
                self.reply(context, lines.joined(separator: "\r\n"))
            case "STARTTLS":
                guard let tls = self.behaviour.tls, !self.overTLS else { return self.reply(context, "502 not offered") }
                context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: "220 go ahead\r\n" + (self.behaviour.injectAfterStartTLS ?? ""))), promise: nil)
                self.overTLS = true
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            case "AUTH":
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[1].uppercased() == "PLAIN", let decoded = Data(base64Encoded: String(parts[2])) else {
                    return self.reply(context, "504 only PLAIN with an initial response")
                }
                let fields = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                if let expected = self.behaviour.credentials, fields.count == 3, fields[1] == expected.user, fields[2] == expected.password {
                    self.current.authentication = fields[1]
                    self.reply(context, "235 2.7.0 authenticated")
                } else {
                    self.reply(context, "535 5.7.8 bad credentials")
                }
            case "MAIL":
                if self.behaviour.credentials != nil && self.current.authentication == nil { return self.reply(context, "530 5.7.0 authentication required") }
                self.current.mailFrom = Self.address(line)
                self.reply(context, "250 ok")
            case "RCPT":
                if self.behaviour.refuseRecipients { return self.reply(context, "550 5.1.1 <\(Self.address(line))>: Recipient address rejected") }
                self.current.recipients.append(Self.address(line))
                self.reply(context, "250 ok")
            case "DATA":
                self.inData = true
                self.reply(context, "354 end with .")
            case "QUIT":
                self.reply(context, "221 bye")
                context.close(promise: nil)
            default:
                self.reply(context, "500 unknown")
            }
        }

        private static func address(_ line: String) -> String {
            guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
            return String(line[line.index(after: open)..<close])
        }

        private func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }
    }
}

extension LocalSMTPServer.Received {
    /// A header's value, encoded words decoded.
    func header(_ name: String) -> String? {
        let head = self.data.components(separatedBy: "\r\n\r\n").first ?? ""
        // Unfold continuation lines.
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
        guard let line = unfolded.components(separatedBy: "\r\n").first(where: { $0.lowercased().hasPrefix(name.lowercased() + ":") }) else { return nil }
        let value = line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        return value.components(separatedBy: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return word + " " }
            return String(decoding: data, as: UTF8.self)
        }.joined().trimmingCharacters(in: .whitespaces)
    }

    /// The text body (base64 decoded).
    var body: String {
        let parts = self.data.components(separatedBy: "\r\n\r\n")
        let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
