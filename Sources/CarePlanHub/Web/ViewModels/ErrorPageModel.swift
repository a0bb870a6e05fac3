// CarePlan Link — CarePlanHub

/// `error.mustache`.
struct ErrorPageModel: Sendable {
    let title = "エラー"
    let office: OfficeHeader? = nil
    /// `日本語 / English`
    let message: String
}
