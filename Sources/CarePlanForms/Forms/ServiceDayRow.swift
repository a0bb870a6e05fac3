// CarePlan Link — CarePlanForms
import CarePlanCSV

/// A row of the 第6表 layout: 予定 (UPPLAN) and 実績 (UPJSK, "the same format as 第6表") share these items.
protocol ServiceDayRow {
    /// サービス事業者コード
    var providerOfficeCode: String { get }
    /// サービス事業所名
    var providerOfficeName: String? { get }
    /// サテライト枝番
    var satelliteBranchNumber: String? { get }
    /// サービスコード
    var serviceCode: String { get }
    /// サービス開始時刻
    var serviceStartTime: ServiceTime { get }
    /// サービス終了時刻
    var serviceEndTime: ServiceTime { get }
    /// TAISコード
    var taisCode: String? { get }
    /// 福祉用具届出コード
    var welfareEquipmentNotificationCode: String? { get }
    /// 用具名称（機種名）
    var equipmentModelName: String? { get }
    /// 明細判別コード
    var lineItemDiscriminator: Int? { get }
    /// 日割対象日
    var proratedDaysMask: DayMask? { get }
    /// サービス利用日
    var serviceDate: CalendarDate { get }
    /// サービス回数
    var serviceCount: Int { get }
}

extension ServiceUsePlanRecord: ServiceDayRow {}
extension ServiceResultsRecord: ServiceDayRow {}
