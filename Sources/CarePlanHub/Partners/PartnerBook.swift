// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// 連携先: the office directory, partner requests and their answers, favourites, and the rule of whom an office may
/// address (``HubConfiguration/Partners/addressing``). The API, the web and the intake all go through it.
struct PartnerBook {
    let hub: Hub

    /// The most offices one directory answer lists.
    static let maxResults = 200

    // MARK: - Directory

    /// Offices matching `search` (its text NFKC-normalised, so that full-width digits find a 事業所番号), at most `limit`;
    /// `truncated` when more matched.
    func search(_ search: OfficeSearch, limit: Int) async throws -> (offices: [Office], truncated: Bool) {
        var search = search
        search.text = search.text.map { $0.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces) }
        search.municipalityCode = search.municipalityCode?.precomposedStringWithCompatibilityMapping
        let found = try await self.hub.store.searchOffices(search, limit: limit + 1)
        return (Array(found.prefix(limit)), found.count > limit)
    }

    /// The registered office that `reference` names: `事業所番号_種類` or the hub's number for it.
    func office(_ reference: String) async throws -> Office {
        let office: Office?
        if reference.count == 10, reference.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ExchangeError(
                .malformed, "office.malformed", "事業所番号のあとにサービス種類コードを付けてください（例 \(reference)_11） / add the service type: \(reference)_TT")
        } else if let id = Int64(reference) {
            office = try await self.hub.store.office(id: id)
        } else if let parsed = OfficeID(parsing: reference) {
            office = try await self.hub.store.office(number: parsed.number, serviceType: parsed.serviceType ?? "")
        } else {
            throw ExchangeError(
                .malformed, "office.malformed", "事業所は「事業所番号_サービス種類コード」（例 1310100021_11）で指定してください / name an office as NNNNNNNNNN_TT")
        }
        guard let office else {
            throw ExchangeError(.notFound, "office.notFound", "その事業所はハブに登録されていません / no such office at this hub (\(reference))")
        }
        return office
    }

    // MARK: - Partners

    func partners(of office: Office) async throws -> [PartnerLink] {
        try await self.hub.store.partnerships(officeID: office.id)
    }

    /// How `office` stands with each of `others` (nil: nothing between them).
    func standings(of office: Office, with others: [Office]) async throws -> [Int64: PartnerStanding] {
        var standings: [Int64: PartnerStanding] = [:]
        for link in try await self.partners(of: office) { standings[link.partner.id] = PartnerStanding(link.partnership, seenBy: office.id) }
        return standings.filter { id, _ in others.contains { $0.id == id } }
    }

    func request(_ partner: Office, by office: Office, actor: String) async throws -> (partnership: Partnership, changed: Bool) {
        guard partner.id != office.id else {
            throw ExchangeError(.malformed, "partner.self", "自分の事業所には申請できません / an office cannot ask itself")
        }
        return try await self.hub.store.requestPartnership(
            from: office.id, to: partner.id, at: self.hub.now(), audit: self.audit("partner.request", office, partner, actor))
    }

    /// Accepts or declines `requester`'s open request.
    func answer(_ requester: Office, by office: Office, accept: Bool, actor: String) async throws -> Partnership {
        guard
            let partnership = try await self.hub.store.answerPartnership(
                of: office.id, from: requester.id, accept: accept, at: self.hub.now(),
                audit: self.audit(accept ? "partner.accept" : "partner.decline", office, requester, actor))
        else {
            throw ExchangeError(
                .conflict, "partner.noRequest", "この事業所からの未回答の連携申請はありません / \(requester.officeID) has no open request to your office")
        }
        return partnership
    }

    func remove(_ partner: Office, by office: Office, actor: String) async throws {
        guard try await self.hub.store.removePartnership(of: office.id, with: partner.id, audit: self.audit("partner.remove", office, partner, actor)) else {
            throw Self.noPartnership(partner)
        }
    }

    /// What is between `office` and `partner` (a link, a request, a declined one), or `partner.notFound`.
    func link(of office: Office, with partner: Office) async throws -> PartnerLink {
        guard let link = try await self.partners(of: office).first(where: { $0.partner.id == partner.id }) else { throw Self.noPartnership(partner) }
        return link
    }

    static func noPartnership(_ partner: Office) -> ExchangeError {
        ExchangeError(.notFound, "partner.notFound", "この事業所とは連携も申請もありません / no partnership with \(partner.officeID)")
    }

    func setFavourite(_ partner: Office, by office: Office, favourite: Bool, actor: String) async throws -> Partnership {
        guard let partnership = try await self.hub.store.setFavouritePartner(
            of: office.id, partner: partner.id, favourite: favourite, audit: self.audit(favourite ? "partner.favourite" : "partner.unfavourite", office, partner, actor)) else {
            throw ExchangeError(.conflict, "partner.notLinked", "お気に入りにできるのは連携中の事業所だけです / only a linked partner can be a favourite")
        }
        return partnership
    }

    // MARK: - Addressing

    /// Refuses a unit from `sender` to `recipient` unless the hub lets it address that office: a linked partner, or
    /// any registered office when the hub is set so.
    func checkAddressable(_ recipient: Office, from sender: Office) async throws {
        guard self.hub.configuration.partners.addressing == .linkedPartners, recipient.id != sender.id else { return }
        guard try await self.hub.store.partnership(between: sender.id, and: recipient.id)?.state == .linked else {
            throw Self.notLinked(recipient)
        }
    }

    static func notLinked(_ recipient: Office) -> ExchangeError {
        ExchangeError(
            .forbidden, "partner.notLinked",
            "送信先の\(OfficeLabel.text(recipient))は連携先ではありません。連携先の申請をし、承認されてから送ってください / the recipient \(recipient.officeID) is not a linked partner of your office: send a partner request first")
    }

    private func audit(_ action: String, _ office: Office, _ partner: Office, _ actor: String) -> AuditRecord {
        AuditRecord(actor: actor, office: office.officeID.description, action: action, subject: partner.officeID.description)
    }
}
