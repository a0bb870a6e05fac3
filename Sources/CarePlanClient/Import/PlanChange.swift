// CarePlan Link — CarePlanClient
import CarePlanCSV

/// What a unit asks for one key.
enum PlanChange {
    /// The unit carries the whole family for the key: it becomes the current version.
    case replace([CarePlanDocument])
    /// 第1表・第6表・基本情報・支援計画書 削除: the family is deleted (with its dependent tables).
    case delete
    /// 実績削除: the rows of one provider and service type go; the rest of the 実績 stays.
    case deleteResults([ResultsDeletion])
}
