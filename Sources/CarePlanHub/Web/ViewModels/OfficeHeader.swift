// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// The page header's office line (`header.mustache`: 事業所名 and 事業所番号_種類); absent on the login and error pages.
struct OfficeHeader: Sendable {
    /// 事業所名
    let name: String
    /// 事業所番号_サービス種類
    let id: String

    init(_ office: Office) {
        self.name = office.name
        self.id = office.officeID.description
    }
}
