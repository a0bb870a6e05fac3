// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// The page header's line for a local authority's account (`header.mustache`): 「千代田区（市区町村）」.
struct AuthorityHeader: Sendable {
    let label: String
    /// A municipality decides the 利用申請 that name it; a prefecture does not.
    let decides: Bool

    init(_ authority: Authority) {
        self.decides = authority.kind == .municipality
        let kind = authority.kind == .municipality ? PageText.pick("市区町村", "municipality") : PageText.pick("都道府県", "prefecture")
        self.label = PageText.pick("\(authority.name)（\(kind)）", "\(authority.name) (\(kind))")
    }
}
