// CarePlan Link — CarePlanMail

/// Why a message was not handed to the SMTP server. `isPermanent` says whether sending it again can help (a 5xx reply
/// to the message itself) or not.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered `code` where another reply was expected (after `command`, without the password).
    case unexpectedReply(command: String, code: Int, text: String)
    /// The server did not offer STARTTLS though the configuration asks for it: the hub sends nothing in clear.
    case startTLSNotOffered
    /// A user name is configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationNotOffered
    /// The connection closed before the server's reply.
    case connectionClosed(command: String)
    /// The exchange took longer than the configured timeout.
    case timedOut(seconds: Double)
    /// The connection could not be made (name, refusal, TLS).
    case connectionFailed(String)
    /// A reply line that is not `NNN text`.
    case malformedReply(String)
    /// Reply lines arrived in clear after the server's go-ahead for STARTTLS: someone between may be answering.
    case plaintextAfterStartTLS

    /// A 5xx reply to the recipient or the message means the server refuses this message for good; a 5xx to the
    /// greeting, EHLO, AUTH or MAIL FROM is the sending side's problem (credentials, sender address) and may pass
    /// once that is fixed, like everything else.
    public var isPermanent: Bool {
        // 5.7.x (`550 5.7.1 Relaying denied`) is the server's policy toward the sender, not the recipient's mailbox.
        if case .unexpectedReply(let command, let code, let text) = self {
            return code >= 500 && (command.hasPrefix("RCPT") || command.hasPrefix("DATA")) && !text.hasPrefix("5.7.")
        }
        return false
    }

    /// Whether the failure concerns this message (its recipient or content) rather than the way to the server (the
    /// connection, TLS, AUTH, the sender address, the relay's policy): the hub stops a pass on the latter, since every
    /// other office's mail would fail the same way.
    public var concernsTheMessage: Bool {
        if case .unexpectedReply(let command, _, let text) = self {
            return (command.hasPrefix("RCPT") || command.hasPrefix("DATA")) && !text.hasPrefix("5.7.")
        }
        return false
    }

    public var description: String {
        switch self {
        case .unexpectedReply(let command, let code, let text): "SMTP server answered \(code) \(text) to \(command)"
        case .startTLSNotOffered: "the SMTP server does not offer STARTTLS (smtp.security is startTLS)"
        case .authenticationNotOffered: "the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN"
        case .connectionClosed(let command): "the SMTP server closed the connection after \(command)"
        case .timedOut(let seconds): "no answer from the SMTP server within \(Int(seconds)) s"
        case .connectionFailed(let reason): "cannot connect to the SMTP server: \(reason)"
        case .malformedReply(let line): "not an SMTP reply: \(line.prefix(80))"
        case .plaintextAfterStartTLS: "the SMTP server sent more in clear after agreeing to STARTTLS (a man in the middle?)"
        }
    }
}
