// CarePlan Link — CarePlanHub
import CarePlanCSV
public import CarePlanHubStore

extension HubStore {
    /// What `careplan admin list` prints, tab-separated, one line per row: offices (id, 事業所番号_種類, 事業所名,
    /// 市区町村コード), accounts (id, login, role, office id) or an account's credentials (id, kind, label, scopes,
    /// state at `time`). Nil for credentials of an unknown login.
    public func adminListing(_ what: AdminListing, login: String? = nil, at time: Double) async throws -> [String]? {
        switch what {
        case .offices:
            return try await self.offices().map { "\($0.id)\t\($0.officeID)\t\($0.name)\t\($0.municipalityCode)" }
        case .users:
            return try await self.accounts(officeID: nil).map { "\($0.id)\t\($0.loginName)\t\($0.role.rawValue)\t\($0.officeID.map(String.init) ?? "-")" }
        case .tokens:
            guard let login, let account = try await self.account(loginName: login) else { return nil }
            return try await self.credentials(accountID: account.id).map {
                "\($0.id)\t\($0.kind.rawValue)\t\($0.label)\t\($0.scopes.map(\.rawValue).joined(separator: ","))\t\($0.state(at: time).rawValue)"
            }
        }
    }
}

/// What `careplan admin list` lists.
public enum AdminListing: String, Sendable, CaseIterable {
    case offices, users, tokens
}
