// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanExchange

/// What a password set for an account must satisfy (パスワード条件), wherever it is set.
public enum PasswordPolicy {
    /// The shortest password accepted, in characters.
    public static let minimumLength = 10

    /// Why `password` is refused, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        password.count >= Self.minimumLength ? nil : "パスワードは\(Self.minimumLength)文字以上 / the password needs at least \(Self.minimumLength) characters"
    }
}
