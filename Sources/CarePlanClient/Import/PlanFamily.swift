// CarePlan Link — CarePlanClient
import CarePlanCSV

/// What the spec replaces and deletes as one: a parent table and the tables that hang off it (spec §5).
public enum PlanFamily: String, Codable, Sendable, CaseIterable {
    /// 居宅サービス計画: 第1表 + 第2表 + 第3表 + 利用者補足情報(000000). Key: 居宅サービス計画作成（変更）日.
    case carePlan
    /// サービス利用票: 第6表（予定）+ 第7表 別表 + 利用者補足情報(対象年月). Key: 対象年月.
    case usagePlan
    /// 実績情報 (第6表形式). Key: 対象年月; one version per sending provider.
    case results
    /// 利用者基本情報 + 別表1・別表2・家族構成画像. Key: 相談日.
    case basicInfo
    /// 介護予防サービス・支援計画書 + 別表. Key: 計画作成(変更)日.
    case preventionPlan

    public var japaneseName: String {
        switch self {
        case .carePlan: "居宅サービス計画（第1・2・3表）"
        case .usagePlan: "サービス利用票（第6・7表 予定）"
        case .results: "実績"
        case .basicInfo: "利用者基本情報"
        case .preventionPlan: "介護予防サービス・支援計画書"
        }
    }
}
