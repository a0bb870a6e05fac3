// CarePlan Link — CarePlanHub

/// The series of the region's chart: what kind of document a unit carried, read from its combination (the spec's
/// pattern names, ``ExchangeUnit/pattern``).
enum ExchangeKind: String, CaseIterable, Sendable {
    /// 計画書: 居宅① 第1・2・3表, 予防(1)〜(3) 基本情報・支援計画書.
    case plan
    /// 利用票: 居宅②/予防(4) 第6・7表.
    case usePlan
    /// 実績
    case results
    /// 削除: any deletion.
    case deletion

    init(pattern: String) {
        if pattern.contains("削除") {
            self = .deletion
        } else if pattern.contains("実績") {
            self = .results
        } else if pattern.contains("第6") {
            self = .usePlan
        } else {
            self = .plan
        }
    }

    var japanese: String {
        switch self {
        case .plan: "計画書"
        case .usePlan: "利用票・別表"
        case .results: "実績"
        case .deletion: "削除"
        }
    }

    var english: String {
        switch self {
        case .plan: "Care plans"
        case .usePlan: "Use plans"
        case .results: "Results"
        case .deletion: "Deletions"
        }
    }

    /// The bar colour (distinct for colour-blind readers: blue, orange, green, grey).
    var colour: String {
        switch self {
        case .plan: "#20639b"
        case .usePlan: "#e69f00"
        case .results: "#1a7f37"
        case .deletion: "#8c959f"
        }
    }
}
