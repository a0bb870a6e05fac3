// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// `paper.mustache`: a month's forms for a partner not on the network — the upload, then what will go (month, users)
/// with 帳票 (HTML), PDF and the delivery records (FAX送信済, 郵送済, 手渡し).
struct PaperPageModel: Sendable {
    struct Choice: Sendable {
        let id: String
        let label: String
        let selected: Bool
    }

    var office: OfficeHeader
    let title = PageText.pick("紙で送る（ネットワーク外の連携先）", "Send on paper (partners off the network)")
    let partners: [Choice]
    let hasPartners: Bool
    let error: String?
    /// After the upload: the chosen partner, month, users and the files carried back in each form.
    let ready: Bool
    let partnerID: String
    let partner: String
    let fax: String
    let month: String
    let users: [String]
    let encoded: [String]

    init(office: Office, partners: [PaperPartner], selected: Int64?, error: String? = nil, ready: (PaperPartner, PaperBook.PaperSet)? = nil) {
        self.office = OfficeHeader(office)
        self.partners = partners.map { Choice(id: String($0.id), label: "\($0.name)（\($0.number)_\($0.serviceType)）", selected: $0.id == selected) }
        self.hasPartners = !partners.isEmpty
        self.error = error.map(PageText.side)
        self.ready = ready != nil
        self.partnerID = ready.map { String($0.0.id) } ?? ""
        self.partner = ready.map { $0.0.name } ?? ""
        self.fax = ready?.0.fax ?? ""
        self.month = ready.map { UnitLabel.month($0.1.month.year, $0.1.month.month) } ?? ""
        self.users = ready?.1.users.map(\.displayName) ?? []
        self.encoded = ready?.1.files.map { "\($0.name):" + Data($0.bytes).base64EncodedString() } ?? []
    }
}
