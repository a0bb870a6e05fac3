// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanExchange

/// Why an administrator's request about an account was refused (unknown office or account, a password the policy
/// refuses, a certificate asked for an account without an office), Japanese first then English.
public struct AccountAdminError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
