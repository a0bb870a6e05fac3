// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// An office as people name it: 事業所名 with the サービス種類名 and the 事業所番号 beside it,
/// 「神田ヘルパーステーション（訪問介護・1310100021）」.
enum OfficeLabel {
    static func text(_ office: Office) -> String {
        let type = ServiceType.named(office.serviceType)?.name ?? office.serviceType
        return PageText.pick("\(office.name)（\(type)・\(office.number)）", "\(office.name) (service type \(office.serviceType), \(office.number))")
    }
}
