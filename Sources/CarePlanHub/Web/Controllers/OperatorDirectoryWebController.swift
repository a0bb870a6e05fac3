// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// The operator's 事業所 and アカウント pages (`/web/operator/offices`, `/web/operator/accounts`): office-level facts and
/// accounts, never a file or a user; a password reset for a user locked out. Only the operator passes
/// (``OperatorWebController/requireOperator(_:)``).
struct OperatorDirectoryWebController {
    let hub: Hub
    let pages: WebPages

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("operator/offices") { request, context in
            _ = try OperatorWebController.requireOperator(context)
            let query = request.uri.queryParameters.get("q") ?? ""
            let (entries, total) = try await OfficeDirectory(hub: self.hub).entries(matching: query)
            return self.pages.render("operator-offices", OperatorOfficesPageModel(entries: entries, total: total, query: query))
        }
        protected.get("operator/accounts") { request, context in
            let identity = try OperatorWebController.requireOperator(context)
            return try await self.renderAccounts(identity, query: request.uri.queryParameters.get("q") ?? "")
        }
        protected.post("operator/accounts/:id/reset-password") { _, context in
            let identity = try OperatorWebController.requireOperator(context)
            do {
                let (account, password) = try await AccountSupport(hub: self.hub).resetPassword(
                    of: try context.parameters.require("id", as: Int64.self), by: identity)
                var response = try await self.renderAccounts(
                    identity, query: account.loginName, handover: .init(loginName: account.loginName, password: password))
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as ExchangeError {
                return try await self.renderAccounts(identity, query: "", error: error.message, status: error.status)
            }
        }
    }

    private func renderAccounts(
        _ identity: HubIdentity, query: String, handover: OperatorAccountsPageModel.Handover? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let needle = query.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        let offices = Dictionary(uniqueKeysWithValues: try await self.hub.store.offices().map { ($0.id, $0) })
        let authorities = Dictionary(uniqueKeysWithValues: try await self.hub.store.authorities().map { ($0.id, $0) })
        let now = self.hub.now()
        var rows: [OperatorAccountsPageModel.Row] = []
        for account in try await self.hub.store.accounts(officeID: nil) {
            let office = account.officeID.flatMap { offices[$0] }
            let belongsTo = office.map(OfficeLabel.text) ?? account.authorityID.flatMap { authorities[$0]?.name } ?? "—"
            guard needle.isEmpty || account.loginName.contains(needle) || belongsTo.contains(needle) || (office?.number.contains(needle) ?? false) else { continue }
            let live = try await self.hub.store.credentials(accountID: account.id).filter { $0.revokedAt == nil && $0.expiresAt > now }
            rows.append(
                .init(
                    id: String(account.id), loginName: account.loginName, role: OperatorAccountsPageModel.role(account.role), belongsTo: belongsTo,
                    mustChange: account.mustChangePassword, sessions: live.count(where: { [.session, .webSession].contains($0.kind) }),
                    software: live.count(where: { [.apiToken, .certificate].contains($0.kind) }), isSelf: account.id == identity.account.id))
            if rows.count >= 200 { break }
        }
        return self.pages.render("operator-accounts", OperatorAccountsPageModel(rows: rows, query: query, handover: handover, error: error), status: status)
    }
}
