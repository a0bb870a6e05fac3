// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// The page header's office line (`header.mustache`: 事業所名 with サービス種類名 and 事業所番号); absent on the login
/// and error pages.
struct OfficeHeader: Sendable {
    /// 事業所名
    let name: String
    /// 事業所番号_サービス種類
    let id: String
    /// 「ちよだ居宅介護支援センター（居宅介護支援・1310100012）」 (``OfficeLabel``)
    let label: String
    /// 「未読 3件」 beside 受信一覧 while units wait (stored: Mustache sees stored properties only).
    private(set) var unread: String?
    /// The usage period's warning (``LicenceBook/notice(for:)``), shown under the header.
    private(set) var licence: String?
    /// A handed-over password is still to be changed: the header offers no page but logout (they would lead back).
    private(set) var restricted = false

    init(_ office: Office) {
        self.name = office.name
        self.id = office.officeID.description
        self.label = OfficeLabel.text(office)
    }

    /// The header with the usage period's warning.
    func noting(licence: String?) -> OfficeHeader {
        var header = self
        header.licence = licence
        return header
    }

    /// The header of a session that may only change its password.
    func restricting() -> OfficeHeader {
        var header = self
        header.restricted = true
        return header
    }

    /// The header with the inbox's 未読 count.
    func counting(unread: Int) -> OfficeHeader {
        var header = self
        header.unread = unread > 0 ? PageText.pick("未読 \(unread)件", "\(unread) unread") : nil
        return header
    }
}
