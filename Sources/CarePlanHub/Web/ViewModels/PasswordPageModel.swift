// CarePlan Link — CarePlanHub

/// `password.mustache`: パスワードの変更, for every kind of account.
struct PasswordPageModel: Sendable {
    let office: OfficeHeader?
    let hubOperator: String?
    let authority: AuthorityHeader?
    let title = PageText.pick("パスワードの変更", "Change password")
    /// The account still has the password an approval handed over.
    let mustChange: Bool
    let minimumLength = PasswordPolicy.minimumLength
    let message: String?
    let error: String?

    init(header: AccountPageHeader, mustChange: Bool, message: String? = nil, error: String? = nil) {
        self.office = mustChange ? header.office?.restricting() : header.office
        self.hubOperator = header.hubOperator
        self.authority = header.authority
        self.mustChange = mustChange
        self.message = message
        self.error = error.map(PageText.side)
    }
}
