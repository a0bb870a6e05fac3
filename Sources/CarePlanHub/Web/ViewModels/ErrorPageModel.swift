// CarePlan Link — CarePlanHub

/// `error.mustache`. With the office when the visitor is logged in, so that the page keeps the header's navigation.
struct ErrorPageModel: Sendable {
    let title = PageText.pick("エラー", "Error")
    let office: OfficeHeader?
    /// The Japanese side of the refusal's `日本語 / English`.
    let message: String
    /// The refusal's code (`unit.invalid`) and its help page, for the hub's own refusals.
    let code: String?

    init(message: String, office: OfficeHeader? = nil, code: String? = nil) {
        self.message = PageText.side(message)
        self.office = office
        self.code = code
    }
}
