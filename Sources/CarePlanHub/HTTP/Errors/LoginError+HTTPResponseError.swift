// CarePlan Link — CarePlanHub
import HTTPTypes
public import Hummingbird

/// Login refusals as HTTP answers: 401, 429 with `Retry-After`, 400.
extension LoginError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .failed: .unauthorized
        case .throttled: .tooManyRequests
        case .outOfBounds: .badRequest
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try HubError(self).response(from: request, context: context)
    }
}

extension HubError {
    /// The envelope of a login refusal.
    init(_ error: LoginError) {
        self.init(status: error.status, code: error.code, message: error.message)
        if let wait = error.waitSeconds { self.headers[.retryAfter] = String(wait) }
    }
}
