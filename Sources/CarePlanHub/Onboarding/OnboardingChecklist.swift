// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// はじめにすること: the first-login checklist on an office's inbox, each step read from what is stored (not ticked by
/// hand), shown until every step is done: the password handed over is changed, the care software has a token or a
/// certificate, and the office has a first partner; or until its user closes it (an office that works in the browser
/// only never needs a token).
struct OnboardingChecklist: Sendable {
    struct Step: Sendable {
        let id: String
        let title: String
        let hint: String
        let link: String
        let done: Bool
    }

    let steps: [Step]
    /// Stored, not computed: Mustache reads stored properties only.
    let doneCount: Int
    let total: Int
    var isComplete: Bool { self.doneCount == self.total }

    init(steps: [Step]) {
        self.steps = steps
        self.doneCount = steps.count(where: \.done)
        self.total = steps.count
    }

    /// The checklist of `identity`'s office, or nil once it is complete.
    static func pending(for identity: HubIdentity, office: Office, hub: Hub) async throws -> OnboardingChecklist? {
        guard try await hub.store.setting(Self.dismissedKey(identity.account)) == nil else { return nil }
        let passwordChanged = !identity.account.mustChangePassword
        let software = try await !SoftwareAccess(hub: hub).entries(for: office).isEmpty
        let manages = identity.credential.scopes.contains(.manage)
        let partnered = try await hub.store.partnerships(officeID: office.id).contains { $0.partnership.state == .linked }
        let checklist = OnboardingChecklist(steps: [
            Step(
                id: "password", title: PageText.pick("パスワードを変更する", "Change your password"),
                hint: PageText.pick("承認のときに伝えられた初期パスワードを、自分だけが知るものに変えます。", "Replace the initial password you were given with one only you know."),
                link: "/web/settings/password", done: passwordChanged),
            Step(
                id: "software", title: PageText.pick("ケアプランソフトをつなぐ", "Connect your care software"),
                hint: manages
                    ? PageText.pick("ソフト連携の画面でトークンを発行し、ソフトの設定に入れます（証明書でも可）。", "Issue a token on the software page and enter it in the software's settings (or use a certificate).")
                    : PageText.pick("トークンは事業所の管理者が発行します。管理者に依頼してください。", "The office's administrators issue tokens; ask one of them."),
                link: "/web/settings/software", done: software),
            Step(
                id: "partners", title: PageText.pick("最初の連携先を登録する", "Add your first partner"),
                hint: PageText.pick("やり取りする事業所を事業所番号で探し、連携を申し込みます。", "Find the offices you work with by office number and ask them to link."),
                link: "/web/partners", done: partnered),
        ])
        return checklist.isComplete ? nil : checklist
    }

    /// The setting that records that the account closed the checklist.
    static func dismissedKey(_ account: Account) -> String { "checklist.dismissed.\(account.id)" }

    /// Closes the checklist for the account, audited as `account.closeChecklist`.
    static func dismiss(for identity: HubIdentity, hub: Hub) async throws {
        try await hub.store.setSetting(Self.dismissedKey(identity.account), JapanTime.string(hub.now()))
        try await hub.store.appendAudit(
            AuditRecord(
                actor: "account:\(identity.account.id)", office: identity.office?.officeID.description, action: "account.closeChecklist",
                subject: identity.account.loginName))
    }
}
