// CarePlan Link — CarePlanHub
//
// This file imports nothing on purpose: the fuzzer (Fuzz/, Scripts/fuzz.sh) compiles it on its own.

/// A strict reader of `multipart/form-data` (RFC 7578 over RFC 2046) for the one shape the hub accepts: a body that
/// starts with the first delimiter, parts with a few ASCII-named headers, and a closing delimiter.
///
/// Written here rather than taken from MultipartKit: MultipartKit 4.7.1 ends the process (SIGILL, an out-of-range read)
/// on a part header name holding a byte ≥ 0x80, and its callback parser accepts a body without its closing delimiter,
/// so a cut upload looked complete. This reader works on one buffer that is already bounded, indexes only inside it,
/// and refuses anything it does not understand; `Fuzz/` runs it under libFuzzer with AddressSanitizer.
public enum MultipartFormData {
    /// One part of the body.
    public struct Part: Sendable, Equatable {
        /// The `name` parameter of `Content-Disposition` (the form field).
        public var name: String
        /// The `filename` parameter, when the part is a file.
        public var filename: String?
        /// The part's `Content-Type`, if given.
        public var contentType: String?
        /// Where the part's content lies in the parsed buffer.
        public var body: Range<Int>
    }

    /// Bounds on what one body may hold; anything beyond is an error, never a larger allocation.
    public struct Limits: Sendable {
        public var maxParts: Int
        public var maxHeaderLineBytes: Int
        public var maxHeadersPerPart: Int

        public init(maxParts: Int = 250, maxHeaderLineBytes: Int = 2048, maxHeadersPerPart: Int = 8) {
            self.maxParts = maxParts
            self.maxHeaderLineBytes = maxHeaderLineBytes
            self.maxHeadersPerPart = maxHeadersPerPart
        }
    }

    /// Why a body was refused; the hub answers every case with 400 (`maxParts` with 413).
    public enum Failure: Error, Sendable, Equatable {
        /// The boundary from `Content-Type` is empty, longer than 70 characters or has characters RFC 2046 excludes.
        case invalidBoundary
        /// The body does not start with the first delimiter.
        case missingFirstDelimiter
        /// The closing delimiter `--boundary--` is missing: the body was cut or is incomplete.
        case missingClosingDelimiter
        /// A delimiter is followed by something other than CRLF or `--`.
        case malformedDelimiter(offset: Int)
        /// A part header is not `Name: value` with an ASCII token name, or is too long, or there are too many.
        case malformedHeader(offset: Int)
        /// A part has no `Content-Disposition: form-data` with a `name`.
        case missingDisposition(offset: Int)
        /// A header value is not valid UTF-8.
        case invalidText(offset: Int)
        /// More parts than `Limits.maxParts`.
        case tooManyParts
        /// Bytes after the closing delimiter other than one CRLF.
        case trailingData(offset: Int)
    }

    /// Parses `bytes` as a body delimited by `boundary`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, boundary: String, limits: Limits = Limits()) throws(Failure) -> [Part] {
        let boundaryBytes = Array(boundary.utf8)
        guard Self.isValidBoundary(boundaryBytes) else { throw .invalidBoundary }
        // The delimiter is CRLF "--" boundary; the first one may stand at the very start without the CRLF.
        let delimiter: [UInt8] = [cr, lf, dash, dash] + boundaryBytes
        let first = Array(delimiter.dropFirst(2))
        guard Self.matches(first, in: bytes, at: 0) else { throw .missingFirstDelimiter }
        var position = first.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body, otherwise optional padding and CRLF open a part.
            if Self.matches([dash, dash], in: bytes, at: position) {
                let end = position + 2
                guard end == bytes.count || (end + 2 == bytes.count && Self.matches([cr, lf], in: bytes, at: end)) else {
                    throw .trailingData(offset: end)
                }
                return parts
            }
            while position < bytes.count, bytes[position] == space || bytes[position] == tab { position += 1 }
            guard Self.matches([cr, lf], in: bytes, at: position) else {
                throw position >= bytes.count ? .missingClosingDelimiter : .malformedDelimiter(offset: position)
            }
            position += 2
            guard parts.count < limits.maxParts else { throw .tooManyParts }
            let partStart = position
            let headers = try Self.readHeaders(bytes, from: &position, limits: limits)
            // A header or parameter given twice could be read differently by a proxy in front: refused.
            guard headers.filter({ $0.name == "content-disposition" }).count == 1, headers.filter({ $0.name == "content-type" }).count <= 1 else {
                throw .malformedHeader(offset: partStart)
            }
            guard let disposition = headers.first(where: { $0.name == "content-disposition" }),
                let (name, filename) = Self.formData(disposition.value)
            else { throw .missingDisposition(offset: partStart) }
            guard let next = Self.find(delimiter, in: bytes, from: position) else { throw .missingClosingDelimiter }
            parts.append(
                Part(name: name, filename: filename, contentType: headers.first(where: { $0.name == "content-type" })?.value, body: position..<next))
            position = next + delimiter.count
        }
    }

    /// The `boundary` parameter of a `multipart/form-data` content type, or nil when it is another type or has none.
    public static func boundary(contentType: String) -> String? {
        let parameters = contentType.split(separator: ";", omittingEmptySubsequences: false)
        guard let type = parameters.first, type.trimmed.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmed.lowercased() == "boundary" else { continue }
            var value = pair[1].trimmed
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    // MARK: - Pieces

    private static let cr: UInt8 = 13
    private static let lf: UInt8 = 10
    private static let dash: UInt8 = 45
    private static let space: UInt8 = 32
    private static let tab: UInt8 = 9
    private static let colon: UInt8 = 58

    private struct Header {
        let name: String
        let value: String
    }

    /// RFC 2046 §5.1.1: 1–70 characters of `bchars`, not ending in a space.
    private static func isValidBoundary(_ boundary: [UInt8]) -> Bool {
        guard (1...70).contains(boundary.count), boundary.last != space else { return false }
        return boundary.allSatisfy { byte in
            switch byte {
            case 48...57, 65...90, 97...122: true
            case 39, 40, 41, 43, 95, 44, 45, 46, 47, 58, 61, 63, 32: true  // ' ( ) + _ , - . / : = ? space
            default: false
            }
        }
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - needle.count else { return false }
        for index in needle.indices where bytes[offset + index] != needle[index] { return false }
        return true
    }

    /// The offset of the next `needle` at or after `start`. The needle starts with CR and holds no other CR (the
    /// boundary alphabet has none), so a partial match never overlaps the next candidate: the scan is linear.
    private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var offset = start
        let last = bytes.count - needle.count
        while offset <= last {
            if bytes[offset] == cr, Self.matches(needle, in: bytes, at: offset) { return offset }
            offset += 1
        }
        return nil
    }

    /// Header lines up to the empty line; names are lower-cased ASCII tokens, values UTF-8 with the spaces trimmed.
    private static func readHeaders(_ bytes: UnsafeRawBufferPointer, from position: inout Int, limits: Limits) throws(Failure) -> [Header] {
        var headers: [Header] = []
        while true {
            let lineStart = position
            var end = position
            while end < bytes.count, bytes[end] != cr, bytes[end] != lf {
                end += 1
                guard end - lineStart <= limits.maxHeaderLineBytes else { throw .malformedHeader(offset: lineStart) }
            }
            guard Self.matches([cr, lf], in: bytes, at: end) else {
                throw end >= bytes.count ? .missingClosingDelimiter : .malformedHeader(offset: end)
            }
            position = end + 2
            if end == lineStart { return headers }
            guard headers.count < limits.maxHeadersPerPart else { throw .malformedHeader(offset: lineStart) }
            var colonAt = lineStart
            while colonAt < end, bytes[colonAt] != colon {
                guard Self.isTokenByte(bytes[colonAt]) else { throw .malformedHeader(offset: colonAt) }
                colonAt += 1
            }
            guard colonAt < end, colonAt > lineStart else { throw .malformedHeader(offset: lineStart) }
            var valueBytes: [UInt8] = []
            valueBytes.reserveCapacity(end - colonAt)
            for offset in (colonAt + 1)..<end {
                let byte = bytes[offset]
                // Control characters other than tab have no place in a header value.
                guard byte >= 32 || byte == tab, byte != 127 else { throw .malformedHeader(offset: offset) }
                valueBytes.append(byte)
            }
            guard let value = String(validating: valueBytes, as: UTF8.self) else { throw .invalidText(offset: colonAt + 1) }
            var name = ""
            for offset in lineStart..<colonAt { name.unicodeScalars.append(Unicode.Scalar(Self.lowercased(bytes[offset]))) }
            headers.append(Header(name: name, value: value.trimmed))
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true  // ! # $ % & ' * + - . ^ _ ` | ~
        default: false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    /// `form-data; name="…"; filename="…"` → (name, filename). Parameter values are tokens or quoted strings.
    private static func formData(_ value: String) -> (String, String?)? {
        var scalars = Substring(value).unicodeScalars[...]
        guard let type = Self.token(&scalars), type.lowercased() == "form-data" else { return nil }
        var name: String?
        var filename: String?
        while true {
            Self.skipSpaces(&scalars)
            guard let separator = scalars.first else { break }
            guard separator == ";" else { return nil }
            scalars.removeFirst()
            Self.skipSpaces(&scalars)
            guard let key = Self.token(&scalars)?.lowercased() else { return nil }
            Self.skipSpaces(&scalars)
            guard scalars.first == "=" else { return nil }
            scalars.removeFirst()
            Self.skipSpaces(&scalars)
            let parameter: String
            if scalars.first == "\"" {
                guard let quoted = Self.quoted(&scalars) else { return nil }
                parameter = quoted
            } else {
                guard let token = Self.token(&scalars) else { return nil }
                parameter = token
            }
            switch key {
            case "name":
                guard name == nil else { return nil }
                name = parameter
            case "filename":
                guard filename == nil else { return nil }
                filename = parameter
            default: break
            }
        }
        guard let name else { return nil }
        return (name, filename)
    }

    private static func skipSpaces(_ scalars: inout Substring.UnicodeScalarView.SubSequence) {
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    }

    private static func token(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> String? {
        var result = String.UnicodeScalarView()
        while let first = scalars.first, first.isASCII, Self.isTokenByte(UInt8(first.value)) {
            result.append(first)
            scalars.removeFirst()
        }
        return result.isEmpty ? nil : String(result)
    }

    /// A quoted string; `\` escapes the next character. Browsers send file names as raw UTF-8 inside the quotes.
    private static func quoted(_ scalars: inout Substring.UnicodeScalarView.SubSequence) -> String? {
        scalars.removeFirst()
        var result = String.UnicodeScalarView()
        while let first = scalars.popFirst() {
            switch first {
            case "\"": return String(result)
            case "\\":
                guard let escaped = scalars.popFirst() else { return nil }
                result.append(escaped)
            default: result.append(first)
            }
        }
        return nil
    }
}

extension StringProtocol {
    fileprivate var trimmed: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
