// CarePlan Link — CarePlanHub
import CarePlanExchange
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird

/// A failure answered with the JSON envelope `{"error": {"code", "message", "details"}}`: a stable machine-readable
/// code and a message in Japanese and English. Never carries care data (diagnostics are redacted).
struct HubError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var details: [Diagnostic] = []
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorEnvelope(error: .init(code: self.code, message: self.message, details: self.details.isEmpty ? nil : self.details.map(\.redacted)))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(try JSONEncoder.hub.encode(body)))))
    }

    static let unauthorized = HubError(status: .unauthorized, code: "auth.required", message: "認証が必要です / authentication required")

    static func forbidden(_ code: String, _ message: String) -> HubError { HubError(status: .forbidden, code: code, message: message) }
    static func badRequest(_ code: String, _ message: String) -> HubError { HubError(status: .badRequest, code: code, message: message) }
}
