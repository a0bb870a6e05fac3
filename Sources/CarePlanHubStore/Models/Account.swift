// CarePlan Link — CarePlanHubStore

/// A person who logs in (web) or owns API tokens.
public struct Account: Codable, Sendable, Hashable {
    public var id: Int64
    /// The office, or nil for the hub operator.
    public var officeID: Int64?
    public var loginName: String
    /// bcrypt hash.
    public var passwordHash: String
    public var role: Role
    public var failedLogins: Int
    /// Login is refused until this time after repeated failures (Unix seconds).
    public var lockedUntil: Double?

    public init(id: Int64 = 0, officeID: Int64?, loginName: String, passwordHash: String, role: Role, failedLogins: Int = 0, lockedUntil: Double? = nil) {
        self.id = id
        self.officeID = officeID
        self.loginName = loginName
        self.passwordHash = passwordHash
        self.role = role
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}
