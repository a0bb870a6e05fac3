// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// Who looks at model regions: a municipality's or a prefecture's account with its authority. A municipality sees and
/// manages its own regions; a prefecture sees those of the municipalities in it and changes nothing.
struct RegionViewer: Sendable {
    let identity: HubIdentity
    /// 自治体
    let authority: Authority

    /// Whether it may invite offices, propose links and edit the estimate (a municipality, in its own regions).
    func manages(_ region: Region) -> Bool {
        self.authority.kind == .municipality && region.authorityID == self.authority.id
    }

    /// What goes in the audit log as the actor.
    var actor: String { "account:\(self.identity.account.id)" }
}
