// CarePlan Link — CarePlanHub
public import CarePlanCSV
public import CarePlanHubStore

extension HubStore {
    /// The operator links two registered offices as partners (連携先) without a request from either, e.g. when a model
    /// region starts with the partnerships its offices already had on paper; audited as `admin.linkPartners` by `actor`.
    /// Offices already linked stay as they are.
    /// - Throws: ``AccountAdminError`` for an unregistered office or an office linked with itself.
    public func linkOffices(_ first: OfficeID, _ second: OfficeID, at time: Double, actor: String) async throws -> Partnership {
        func registered(_ id: OfficeID) async throws -> Office {
            guard let serviceType = id.serviceType, let office = try await self.office(number: id.number, serviceType: serviceType) else {
                throw AccountAdminError("事業所が未登録です / unknown office \(id)")
            }
            return office
        }
        let (office, partner) = (try await registered(first), try await registered(second))
        guard office.id != partner.id else { throw AccountAdminError("同じ事業所どうしは連携できません / an office cannot be its own partner") }
        let audit = AuditRecord(actor: actor, office: office.officeID.description, action: "admin.linkPartners", subject: partner.officeID.description)
        let (asked, _) = try await self.requestPartnership(from: office.id, to: partner.id, at: time, audit: audit)
        guard asked.state != .linked else { return asked }
        let answerer = asked.recipientOfficeID == partner.id ? partner : office
        let requester = answerer.id == partner.id ? office : partner
        return try await self.answerPartnership(of: answerer.id, from: requester.id, accept: true, at: time, audit: audit) ?? asked
    }
}
