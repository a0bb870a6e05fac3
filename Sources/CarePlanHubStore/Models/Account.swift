// CarePlan Link — CarePlanHubStore

/// A person who logs in (web) or owns API tokens.
public struct Account: Codable, Sendable, Hashable {
    public var id: Int64
    /// The office, or nil for the hub operator and local authorities.
    public var officeID: Int64?
    /// The local authority (自治体) of a municipality or prefecture account, nil for every other.
    public var authorityID: Int64?
    public var loginName: String
    /// bcrypt hash.
    public var passwordHash: String
    public var role: Role
    public var failedLogins: Int
    /// Login is refused until this time after repeated failures (Unix seconds).
    public var lockedUntil: Double?
    /// The password was issued by someone else (an approved 利用申請) and is to be changed at first use; the office's
    /// first-login checklist shows the step until it is.
    public var mustChangePassword: Bool

    public init(
        id: Int64 = 0, officeID: Int64?, authorityID: Int64? = nil, loginName: String, passwordHash: String, role: Role, failedLogins: Int = 0,
        lockedUntil: Double? = nil, mustChangePassword: Bool = false
    ) {
        self.id = id
        self.officeID = officeID
        self.authorityID = authorityID
        self.loginName = loginName
        self.passwordHash = passwordHash
        self.role = role
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.mustChangePassword = mustChangePassword
    }
}
