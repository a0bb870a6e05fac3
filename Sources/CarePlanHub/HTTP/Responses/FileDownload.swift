// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A unit's file as an HTTP answer, for the API and the web pages alike: an attachment with its SHA-256, and `Range:
/// bytes=N-` (what a client sends to resume a cut transfer) answered 206 with the rest of the file.
enum FileDownload {
    /// A file as an attachment with its digest; with an open range, the rest of it.
    static func response(_ file: UnitFile, bytes: [UInt8], range: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = file.name.lowercased().hasSuffix(".jpg") ? "image/jpeg" : "text/csv; charset=Shift_JIS"
        headers[.contentDisposition] = "attachment; filename=\"\(file.name)\""
        headers[HTTPField.Name("X-Content-SHA256")!] = file.sha256
        headers[.acceptRanges] = "bytes"
        if let range, let start = Self.openRangeStart(range) {
            guard start < bytes.count else {
                headers[.contentRange] = "bytes */\(bytes.count)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(start)-\(bytes.count - 1)/\(bytes.count)"
            return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes[start...])))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// N of `bytes=N-`; other range forms are ignored (the whole file is sent, as RFC 9110 allows).
    static func openRangeStart(_ header: String) -> Int? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("bytes="), value.hasSuffix("-") else { return nil }
        let digits = value.dropFirst("bytes=".count).dropLast()
        // Digits only: "-1" would parse as an Int and slice before the start of the file.
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return Int(digits)
    }
}
