// CarePlan Link — CarePlanMail
public import Foundation

/// One e-mail in UTF-8 text, as RFC 5322 and MIME (RFC 2045, 2047) want it on the wire: the subject and display name
/// in encoded words, the body in base64, so that no SMTP server between has to carry 8-bit text.
public struct MailMessage: Sendable, Equatable {
    /// The sender's address (`From` and the envelope's `MAIL FROM`).
    public var from: String
    /// The display name shown beside `from` (e.g. the hub's name); may be Japanese.
    public var fromName: String
    /// The recipients (`To` and the envelope's `RCPT TO`).
    public var to: [String]
    public var subject: String
    /// Plain text; line breaks are written CRLF.
    public var body: String
    public var date: Date
    /// `Message-ID` without the angle brackets.
    public var messageID: String

    public init(from: String, fromName: String = "", to: [String], subject: String, body: String, date: Date = Date(), messageID: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID ?? "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// The message as the DATA command sends it, before dot-stuffing: header lines, a blank line, the base64 body.
    public func rendered() -> String {
        var lines = [
            "Date: \(Self.rfc5322Date(self.date))",
            // The address on a folded line of its own: the name's encoded words may fill the first.
            "From: \(self.fromName.isEmpty ? "<\(self.from)>" : "\(Self.encodedWord(self.fromName))\r\n <\(self.from)>")",
            "To: \(self.to.map { "<\($0)>" }.joined(separator: ", "))",
            "Subject: \(Self.encodedWord(self.subject))",
            "Message-ID: <\(self.messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let text = self.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let base64 = Data(text.utf8).base64EncodedString()
        // RFC 2045: encoded lines of at most 76 characters.
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`) for text that is not plain ASCII, split so that no word exceeds 75
    /// characters and no UTF-8 sequence is cut.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !text.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            return text
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 39 bytes encode to 52 characters; with `=?UTF-8?B?`, `?=` and a `Subject: ` in front, a line stays
            // within RFC 5322's 78.
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Tue, 01 Dec 2026 09:00:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// True for an address an SMTP envelope can carry: `local@domain`, no spaces, brackets or line breaks (which
    /// would let a stored address add commands or headers).
    public static func isPlausibleAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.utf8.count <= 254 else { return false }
        return address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}
