// CarePlan Link — CarePlanCSV
// The file kinds of the 「ケアプランデータ連携標準仕様」, one per file-name prefix.

/// A file kind of the standard, identified by its file-name prefix.
public enum FileKind: String, CaseIterable, Codable, Sendable, Comparable {
    /// 利用者補足情報 (UPHOSOKU)
    case supplementaryUserInfo = "UPHOSOKU"
    /// 第1表 居宅サービス計画書(1) (UP1KYO)
    case carePlanTable1 = "UP1KYO"
    /// 第1表 削除 (DLT1KYO)
    case carePlanTable1Deletion = "DLT1KYO"
    /// 第2表 居宅サービス計画書(2) (UP2KYO)
    case carePlanTable2 = "UP2KYO"
    /// 第3表 週間サービス計画表 (UP3KYO)
    case weeklyScheduleTable3 = "UP3KYO"
    /// 第6表 サービス利用票（予定） (UPPLAN)
    case serviceUsePlan = "UPPLAN"
    /// 第6表 予定 削除 (DLTPLAN)
    case serviceUsePlanDeletion = "DLTPLAN"
    /// 第7表 サービス利用票別表 (UPSIKYU)
    case serviceUseAnnex = "UPSIKYU"
    /// 実績情報 (UPJSK)
    case serviceResults = "UPJSK"
    /// 実績情報 削除 (DLTJSK)
    case serviceResultsDeletion = "DLTJSK"
    /// 利用者基本情報 (UPKIHON)
    case basicUserInfo = "UPKIHON"
    /// 利用者基本情報 別表1 タイムスケジュール (UPKIHON_SUB1)
    case basicUserInfoDailySchedule = "UPKIHON_SUB1"
    /// 利用者基本情報 別表2 現病歴・既往歴 (UPKIHON_SUB2)
    case basicUserInfoMedicalHistory = "UPKIHON_SUB2"
    /// 利用者基本情報 家族構成 画像ファイル (UPKIHON_IMAGE, JPEG)
    case basicUserInfoFamilyImage = "UPKIHON_IMAGE"
    /// 利用者基本情報 削除 (DLTKIHON)
    case basicUserInfoDeletion = "DLTKIHON"
    /// 介護予防サービス・支援計画書 (UPYOBO)
    case preventionPlan = "UPYOBO"
    /// 介護予防サービス・支援計画書 別表 支援計画 (UPYOBO_SUB)
    case preventionPlanSupportDetails = "UPYOBO_SUB"
    /// 介護予防サービス・支援計画書 削除 (DLTYOBO)
    case preventionPlanDeletion = "DLTYOBO"

    /// The file-name prefix (e.g. `UPPLAN`).
    public var prefix: String { self.rawValue }

    /// The spec's Japanese name of the file (帳票名).
    public var japaneseName: String {
        switch self {
        case .supplementaryUserInfo: "利用者補足情報"
        case .carePlanTable1: "第1表 居宅サービス計画書(1)"
        case .carePlanTable1Deletion: "第1表 居宅サービス計画書(1)_削除"
        case .carePlanTable2: "第2表 居宅サービス計画書(2)"
        case .weeklyScheduleTable3: "第3表 週間サービス計画表"
        case .serviceUsePlan: "第6表 サービス利用票（予定）"
        case .serviceUsePlanDeletion: "第6表 サービス利用票（予定）_削除"
        case .serviceUseAnnex: "第7表 サービス利用票別表"
        case .serviceResults: "実績情報"
        case .serviceResultsDeletion: "実績情報_削除"
        case .basicUserInfo: "利用者基本情報"
        case .basicUserInfoDailySchedule: "利用者基本情報（別表1）タイムスケジュール"
        case .basicUserInfoMedicalHistory: "利用者基本情報（別表2）現病歴・既往歴"
        case .basicUserInfoFamilyImage: "利用者基本情報 家族構成画像"
        case .basicUserInfoDeletion: "利用者基本情報_削除"
        case .preventionPlan: "介護予防サービス・支援計画書"
        case .preventionPlanSupportDetails: "介護予防サービス・支援計画書（別表）支援計画"
        case .preventionPlanDeletion: "介護予防サービス・支援計画書_削除"
        }
    }

    /// Whether the file name carries a YYYYMM token (対象年月 / 提供年月) after the prefix.
    public var hasMonthToken: Bool {
        switch self {
        case .supplementaryUserInfo, .serviceUsePlan, .serviceUsePlanDeletion, .serviceUseAnnex, .serviceResults,
            .serviceResultsDeletion:
            true
        default:
            false
        }
    }

    /// The family image is a JPEG, not a CSV file.
    public var isImage: Bool { self == .basicUserInfoFamilyImage }

    /// A delete file (削除ファイル): every field is mandatory and the file removes data at the recipient.
    public var isDeletion: Bool {
        switch self {
        case .carePlanTable1Deletion, .serviceUsePlanDeletion, .serviceResultsDeletion, .basicUserInfoDeletion,
            .preventionPlanDeletion:
            true
        default:
            false
        }
    }

    /// Sent by the provider (サービス事業所) back to the care manager rather than the other way round.
    public var isSentByProvider: Bool { self == .serviceResults || self == .serviceResultsDeletion }

    /// Kinds that exist only since version 4.0 (CSV version 202504/202407): 第3表 and the 介護予防 files.
    public var isNewInVersion4: Bool {
        switch self {
        case .weeklyScheduleTable3, .basicUserInfo, .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory,
            .basicUserInfoFamilyImage, .basicUserInfoDeletion, .preventionPlan, .preventionPlanSupportDetails,
            .preventionPlanDeletion:
            true
        default:
            false
        }
    }

    /// Prefixes ordered longest first, so that `UPKIHON_SUB1` is matched before `UPKIHON`.
    static let prefixesLongestFirst: [FileKind] = FileKind.allCases.sorted { $0.rawValue.count > $1.rawValue.count }

    public static func < (lhs: FileKind, rhs: FileKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
