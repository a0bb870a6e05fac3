// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// Who is asking: the account, its office (nil for the hub operator) and the credential used.
struct HubIdentity: Sendable {
    let account: Account
    let office: Office?
    let credential: Credential

    /// The identity's office; refused (forbidden) when it has none (the operator cannot exchange files).
    func requireOffice() throws -> Office {
        guard let office = self.office else {
            throw ExchangeError(.forbidden, "auth.noOffice", "事業所に属さないアカウントです / the account belongs to no office")
        }
        return office
    }

    /// The identity's office, after checking that the credential holds `scope`: what every exchange route starts with.
    func requireOffice(for scope: Scope) throws -> Office {
        try self.require(scope)
        return try self.requireOffice()
    }

    func require(_ scope: Scope) throws {
        guard self.credential.scopes.contains(scope) else {
            throw ExchangeError(.forbidden, "auth.scope", "この操作の権限（\(scope.rawValue)）がありません / the credential lacks the \(scope.rawValue) scope")
        }
    }
}
