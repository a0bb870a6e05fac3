// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// The header of a page every kind of account reaches (パスワード変更, ヘルプ): the office's line, the operator's, or
/// the authority's, whichever the account has.
struct AccountPageHeader: Sendable {
    var office: OfficeHeader?
    var hubOperator: String?
    var authority: AuthorityHeader?
}

extension Hub {
    /// The header for `identity`, or an empty one (the help pages are public).
    func accountPageHeader(_ identity: HubIdentity?) async -> AccountPageHeader {
        guard let identity else { return AccountPageHeader() }
        if let office = identity.office { return AccountPageHeader(office: await self.officeHeader(office)) }
        if identity.account.role == .hubOperator { return AccountPageHeader(hubOperator: PageText.pick("ハブの運用者", "Hub operator")) }
        if let id = identity.account.authorityID, let authority = try? await self.store.authority(id: id) {
            return AccountPageHeader(authority: AuthorityHeader(authority))
        }
        return AccountPageHeader()
    }
}
