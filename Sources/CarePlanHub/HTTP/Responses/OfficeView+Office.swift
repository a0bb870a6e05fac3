// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation

extension OfficeView {
    /// The API's view of an office, with how the asking office stands with it.
    init(_ office: Office, standing: PartnerStanding? = nil) {
        self.init(
            id: office.id, office: office.officeID.description, number: office.number, serviceType: office.serviceType,
            serviceTypeName: ServiceType.named(office.serviceType)?.name ?? office.serviceType, name: office.name, address: office.address,
            municipalityCode: office.municipalityCode, label: OfficeLabel.text(office), partnerState: standing?.rawValue)
    }
}

extension PartnerView {
    /// A partnership as `officeID` sees it.
    init(_ link: PartnerLink, seenBy officeID: Int64) {
        let standing = PartnerStanding(link.partnership, seenBy: officeID)
        self.init(
            office: OfficeView(link.partner, standing: standing), state: standing.rawValue, stateLabel: standing.japanese,
            favourite: link.partnership.isFavourite(for: officeID), requestedAt: ISO8601.string(link.partnership.requestedAt),
            answeredAt: link.partnership.answeredAt.map(ISO8601.string))
    }
}
