// CarePlan Link — CarePlanHub
import CarePlanHubStore

extension Role {
    /// What a password login of this role may do: staff exchange files, admins also manage their office, the hub
    /// operator only manages (it sees no care data).
    var sessionScopes: [Scope] {
        switch self {
        case .staff: [.send, .receive]
        case .admin: [.send, .receive, .manage]
        case .hubOperator: [.manage]
        case .municipality, .prefecture: [.region]
        }
    }
}
