// CarePlan Link — CarePlanClient

extension PlanVersion.Action {
    /// The label offices see for what a version did (処理): 更新, 削除, 一部削除.
    public var japanese: String {
        switch self {
        case .replace: "更新"
        case .delete: "削除"
        case .partialDelete: "一部削除"
        }
    }
}
