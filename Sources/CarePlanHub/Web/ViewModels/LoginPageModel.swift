// CarePlan Link — CarePlanHub

/// `login.mustache`.
struct LoginPageModel: Sendable {
    let title = PageText.pick("ログイン", "Log in")
    let office: OfficeHeader? = nil
    /// The name typed before, shown again after a refusal.
    let loginName: String
    let error: String?
    /// The demo password (`careplan demo` only).
    let demo: String?
}
