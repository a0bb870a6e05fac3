// CarePlan Link — CarePlanHub
import CarePlanCSV

/// The kinds of unit people look for, in their words, each with the file kinds it covers (the `kind` filter of the
/// inbox and outbox).
enum UnitKindGroup: String, CaseIterable, Sendable {
    /// 居宅サービス計画書（第1〜3表）
    case carePlan
    /// サービス利用票・別表（第6・7表）
    case usePlan
    /// 実績
    case results
    /// 利用者基本情報
    case basicInfo
    /// 介護予防サービス・支援計画書
    case preventionPlan
    /// 削除
    case deletion

    var japanese: String {
        switch self {
        case .carePlan: "居宅サービス計画書（第1〜3表）"
        case .usePlan: "サービス利用票・別表"
        case .results: "実績"
        case .basicInfo: "利用者基本情報"
        case .preventionPlan: "介護予防サービス・支援計画書"
        case .deletion: "削除"
        }
    }

    /// The file-name prefixes of the group.
    var kinds: [String] {
        let kinds: [FileKind] =
            switch self {
            case .carePlan: [.carePlanTable1, .carePlanTable2, .weeklyScheduleTable3]
            case .usePlan: [.serviceUsePlan, .serviceUseAnnex]
            case .results: [.serviceResults]
            case .basicInfo: [.basicUserInfo, .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .basicUserInfoFamilyImage]
            case .preventionPlan: [.preventionPlan, .preventionPlanSupportDetails]
            case .deletion: [.carePlanTable1Deletion, .serviceUsePlanDeletion, .serviceResultsDeletion, .basicUserInfoDeletion, .preventionPlanDeletion]
            }
        return kinds.map(\.prefix)
    }
}
