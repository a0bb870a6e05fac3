// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Hummingbird

/// `GET /api/v1/audit/checkpoint`: a checkpoint of the audit chain head, signed now, for any signed-in caller to keep
/// (care software can store it beside its receipts). It names a sequence number and a hash, nothing else.
struct AuditController {
    let hub: Hub

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("audit/checkpoint", use: self.checkpoint)
    }

    @Sendable func checkpoint(request: Request, context: HubRequestContext) async throws -> SignedReceipt {
        _ = try context.requireIdentity()
        guard let head = try await self.hub.store.auditHead() else {
            throw HubError(status: .notFound, code: "audit.empty", message: "監査ログが空です / the audit log is empty")
        }
        return try self.hub.signer.sign(AuditCheckpoint(position: head, time: ISO8601.string(self.hub.now())))
    }
}
