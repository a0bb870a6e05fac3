// CarePlan Link — CarePlanExchange

/// A `multipart/form-data` body with one `file` part per file: what `POST /api/v1/units` takes. The client, the
/// benchmarks and the tests all write uploads with it.
public struct MultipartBody: Sendable {
    public let boundary: String
    public private(set) var bytes: [UInt8] = []

    /// The `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(self.boundary)" }

    /// - Parameters:
    ///   - fields: text fields written before the files (a web form's hidden inputs).
    ///   - boundary: must not occur in any file (a random one, as the client uses, never does in practice).
    public init(files: [(name: String, bytes: [UInt8])], fields: [(name: String, value: String)] = [], boundary: String) {
        self.boundary = boundary
        for field in fields {
            self.bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\"\r\n\r\n\(field.value)\r\n".utf8)
        }
        for file in files {
            self.bytes += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            self.bytes += file.bytes
            self.bytes += Array("\r\n".utf8)
        }
        self.bytes += Array("--\(boundary)--\r\n".utf8)
    }
}
