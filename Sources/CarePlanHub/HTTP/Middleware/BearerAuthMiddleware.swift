// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird

/// Authenticates `Authorization: Bearer <token>` (API token or login session) and applies the per-office rate limit.
/// Every failure is the same 401, so that callers learn nothing about which tokens exist.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let hub: Hub

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw HubError.unauthorized }
        let secret = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let now = self.hub.now()
        guard let credential = try await self.hub.store.credential(secretHash: Secrets.hash(secret)), credential.revokedAt == nil,
            credential.expiresAt > now, let account = try await self.hub.store.account(id: credential.accountID)
        else {
            throw HubError(status: .unauthorized, code: "auth.invalid", message: "トークンが無効・失効・期限切れです / the token is invalid, revoked or expired")
        }
        let office = try await account.officeID.asyncMap { try await self.hub.store.office(id: $0) } ?? nil
        let bucket = office.map { "office:\($0.id)" } ?? "account:\(account.id)"
        if let wait = self.hub.rateLimiter.take(bucket, now: now) {
            var error = HubError(
                status: .tooManyRequests, code: "rate.limited",
                message: "リクエストが多すぎます。\(Int(wait.rounded(.up)))秒後に再試行してください / too many requests; retry in \(Int(wait.rounded(.up))) s")
            error.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw error
        }
        var context = context
        context.identity = HubIdentity(account: account, office: office, credential: credential)
        return try await next(request, context)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
