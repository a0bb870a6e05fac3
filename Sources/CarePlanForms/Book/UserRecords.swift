// CarePlan Link — CarePlanForms
import CarePlanCSV

/// Every record of one user across the files of a set, by kind: what the user's forms are drawn from.
struct UserRecords: Sendable {
    var user: FormUser
    /// 利用者補足情報: attached to 第1〜3表 (対象年月 000000) or to a month's 第6・7表.
    var supplements: [SupplementaryUserInfoRecord] = []
    /// 第1表
    var table1: [CarePlanTable1Record] = []
    /// 第2表
    var table2: [CarePlanTable2Record] = []
    /// 第3表
    var table3: [WeeklyScheduleTable3Record] = []
    /// 第6表 予定
    var plan: [ServiceUsePlanRecord] = []
    /// 第7表
    var annex: [ServiceUseAnnexRecord] = []
    /// 実績 (the 第6表 layout)
    var results: [ServiceResultsRecord] = []
    /// 利用者基本情報
    var basicInfo: [BasicUserInfoRecord] = []
    /// 利用者基本情報 別表1 タイムスケジュール
    var dailySchedule: [BasicUserInfoDailyScheduleRecord] = []
    /// 利用者基本情報 別表2 現病歴・既往歴
    var medicalHistory: [BasicUserInfoMedicalHistoryRecord] = []
    /// 介護予防サービス・支援計画書
    var preventionPlans: [PreventionPlanRecord] = []
    /// 介護予防サービス・支援計画書 別表
    var supportDetails: [PreventionPlanSupportDetailsRecord] = []
    /// The deletion files' records (削除), shown as a list: they have no paper form.
    var deletions: [(kind: FileKind, record: any CarePlanRecord)] = []

    init(user: FormUser) { self.user = user }

    /// Adds a record of a decoded file.
    mutating func add(_ record: any CarePlanRecord) {
        switch record {
        case let record as SupplementaryUserInfoRecord: self.supplements.append(record)
        case let record as CarePlanTable1Record: self.table1.append(record)
        case let record as CarePlanTable2Record: self.table2.append(record)
        case let record as WeeklyScheduleTable3Record: self.table3.append(record)
        case let record as ServiceUsePlanRecord: self.plan.append(record)
        case let record as ServiceUseAnnexRecord: self.annex.append(record)
        case let record as ServiceResultsRecord: self.results.append(record)
        case let record as BasicUserInfoRecord: self.basicInfo.append(record)
        case let record as BasicUserInfoDailyScheduleRecord: self.dailySchedule.append(record)
        case let record as BasicUserInfoMedicalHistoryRecord: self.medicalHistory.append(record)
        case let record as PreventionPlanRecord: self.preventionPlans.append(record)
        case let record as PreventionPlanSupportDetailsRecord: self.supportDetails.append(record)
        default: self.deletions.append((type(of: record).kind, record))
        }
    }

    /// Fills in the user's name, kana, birth date and gender from the first file that has them.
    mutating func identify() {
        if let supplement = self.supplements.first {
            self.user.name = supplement.userName
            self.user.nameKana = supplement.userNameKana
            self.user.birthDate = supplement.userBirthDate
            self.user.gender = supplement.userGender
        } else if let basic = self.basicInfo.first {
            self.user.name = basic.userName
            self.user.nameKana = basic.userNameKana
            self.user.birthDate = basic.userBirthDate
            self.user.gender = basic.userGender
        } else if let plan = self.preventionPlans.first {
            self.user.name = plan.userName
        }
    }

    /// The 補足 of a month's 第6・7表, else any 補足 (for the name and certification of the header).
    func supplement(for month: YearMonth?) -> SupplementaryUserInfoRecord? {
        self.supplements.first { $0.serviceMonth == month && month != nil } ?? self.supplements.first
    }

    /// The months that have a 第6表, a 第7表 or 実績, in order.
    var months: [YearMonth] {
        Set(self.plan.map(\.serviceMonth) + self.annex.map(\.serviceMonth) + self.results.map(\.serviceMonth)).sorted()
    }
}
