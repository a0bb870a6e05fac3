// CarePlan Link — CarePlanHub
import HTTPTypes
public import Hummingbird

/// The one place that turns exchange refusals into HTTP answers: the status per reason, the JSON error envelope.
extension ExchangeError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self.reason {
        case .malformed: .badRequest
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .tooLarge: .contentTooLarge
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .gone: .gone
        case .damaged: .internalServerError
        case .busy: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try HubError(self).response(from: request, context: context)
    }
}

extension HubError {
    /// The envelope of an exchange refusal.
    init(_ error: ExchangeError) {
        self.init(status: error.status, code: error.code, message: error.message, details: error.details)
        if error.reason == .busy { self.headers[.retryAfter] = "1" }
    }
}
