// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// The page header's line for a local authority's account (`header.mustache`): 「千代田区（市区町村）」.
struct AuthorityHeader: Sendable {
    let label: String

    init(_ authority: Authority) {
        let kind = authority.kind == .municipality ? PageText.pick("市区町村", "municipality") : PageText.pick("都道府県", "prefecture")
        self.label = PageText.pick("\(authority.name)（\(kind)）", "\(authority.name) (\(kind))")
    }
}
