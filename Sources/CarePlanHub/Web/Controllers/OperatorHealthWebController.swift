// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird

/// The operator's 稼働状況 and 監査ログ pages (`/web/operator/health`, `/web/operator/audit`): the hub's totals and
/// durability, the audit log's verification on request, and the audit log searched by action, office, actor,
/// subject and day. Only the operator passes.
struct OperatorHealthWebController {
    let hub: Hub
    let pages: WebPages
    /// When this router was built (the hub's start, for the page).
    let startedAt: Double

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("operator/health") { _, context in
            _ = try OperatorWebController.requireOperator(context)
            return try await self.renderHealth(report: nil)
        }
        protected.post("operator/health/verify") { _, context in
            let identity = try OperatorWebController.requireOperator(context)
            let report = try await AuditVerifier.verify(store: self.hub.store, publicKey: self.hub.signer.publicKey)
            try await self.hub.store.appendAudit(
                AuditRecord(
                    actor: "account:\(identity.account.id)", office: nil, action: "audit.verify",
                    subject: "\(report.entries) entries, \(report.isIntact ? "intact" : "broken")"))
            return try await self.renderHealth(report: report)
        }
        protected.get("operator/audit") { request, context in
            _ = try OperatorWebController.requireOperator(context)
            let query: AuditQuery
            do {
                query = try AuditQuery(request.uri.queryParameters)
            } catch let error as ExchangeError {
                var empty = try AuditQuery(Parameters())
                empty.before = nil
                return self.pages.render("operator-audit", OperatorAuditPageModel(query: empty, entries: [], error: error.message), status: error.status)
            }
            let entries = try await self.hub.store.searchAudit(query.search, beforeSequence: query.before, limit: OperatorAuditPageModel.pageSize + 1)
            return self.pages.render("operator-audit", OperatorAuditPageModel(query: query, entries: entries))
        }
    }

    private func renderHealth(report: AuditVerifier.Report?) async throws -> Response {
        let model = OperatorHealthPageModel(
            counts: try await self.hub.store.hubCounts(), durability: try await self.hub.store.durability(), now: self.hub.now(), startedAt: self.startedAt,
            report: report)
        return self.pages.render("operator-health", model)
    }
}
