// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// The numbers of one model region in one fiscal year (`/web/region`): its offices invited, joined and active, the
/// units per month by kind, partners per office, the exchanges across its border, and the subsidy list. Computed from
/// the store's counts (``ExchangeTally``); it never reads a file or a user.
///
/// The region's offices are its joined members. A unit counts when it was accepted in the year and not withdrawn; for
/// partners and the subsidy, only when the recipient received it (downloaded, imported or refused at import).
struct RegionDashboard: Sendable {
    /// One member's row.
    struct OfficeRow: Sendable {
        let office: Office
        /// 連携先 (linked partners) now.
        let linkedPartners: Int
        /// Distinct 事業所番号 it exchanged with in the year (units received either way).
        let exchangePartners: Int
        /// Units it sent in the year (not withdrawn).
        let sent: Int
        /// Units addressed to it in the year (not withdrawn).
        let addressed: Int
        /// Sent or received a unit in the last 30 days.
        let active: Bool
    }

    /// A month of the chart: units by kind.
    struct Month: Sendable {
        /// YYYYMM
        let month: String
        let units: [ExchangeKind: Int]
        var total: Int { self.units.values.reduce(0, +) }
    }

    let region: Region
    let fiscalYear: FiscalYear
    let invited: Int
    let joined: Int
    let declined: Int
    let active: Int
    let months: [Month]
    let offices: [OfficeRow]
    /// Units between two members.
    let inside: Int
    /// Units from a member to an office outside the region.
    let outgoing: Int
    /// Units from an office outside to a member.
    let incoming: Int
    let subsidy: SubsidyList

    /// Days without a unit after which an office no longer counts as active.
    static let activeDays = 30.0

    static func load(hub: Hub, region: Region, fiscalYear: FiscalYear) async throws -> RegionDashboard {
        let members = try await hub.store.regionMembers(regionID: region.id)
        let joined = members.filter { $0.member.state == .joined }.map(\.office)
        let ids = joined.map(\.id)
        let now = hub.now()
        let year = try await hub.store.exchangeTallies(officeIDs: ids, from: fiscalYear.start, to: fiscalYear.end)
        let recent = try await hub.store.exchangeTallies(officeIDs: ids, from: now - Self.activeDays * 86_400, to: now + 1)
        let linked = try await hub.store.linkedPartnerCounts(officeIDs: ids)
        var counterparts: [Int64: Office] = Dictionary(uniqueKeysWithValues: joined.map { ($0.id, $0) })
        for id in Set(year.flatMap { [$0.senderOfficeID, $0.recipientOfficeID] }) where counterparts[id] == nil {
            counterparts[id] = try await hub.store.office(id: id)
        }
        return RegionDashboard(
            region: region, fiscalYear: fiscalYear, members: members, year: year, recent: recent, linked: linked, offices: counterparts)
    }

    init(
        region: Region, fiscalYear: FiscalYear, members: [RegionMemberOffice], year: [ExchangeTally], recent: [ExchangeTally], linked: [Int64: Int],
        offices: [Int64: Office]
    ) {
        self.region = region
        self.fiscalYear = fiscalYear
        self.invited = members.filter { $0.member.state == .invited }.count
        self.declined = members.filter { $0.member.state == .declined }.count
        let joined = members.filter { $0.member.state == .joined }.map(\.office)
        self.joined = joined.count
        let memberIDs = Set(joined.map(\.id))

        var activeIDs: Set<Int64> = []
        for tally in recent {
            if memberIDs.contains(tally.senderOfficeID) && tally.units > 0 { activeIDs.insert(tally.senderOfficeID) }
            if memberIDs.contains(tally.recipientOfficeID) && tally.received > 0 { activeIDs.insert(tally.recipientOfficeID) }
        }
        self.active = activeIDs.count

        var byMonth: [String: [ExchangeKind: Int]] = [:]
        var inside = 0
        var outgoing = 0
        var incoming = 0
        var sent: [Int64: Int] = [:]
        var addressed: [Int64: Int] = [:]
        for tally in year {
            byMonth[tally.month, default: [:]][ExchangeKind(pattern: tally.pattern), default: 0] += tally.units
            switch (memberIDs.contains(tally.senderOfficeID), memberIDs.contains(tally.recipientOfficeID)) {
            case (true, true): inside += tally.units
            case (true, false): outgoing += tally.units
            case (false, true): incoming += tally.units
            case (false, false): break
            }
            sent[tally.senderOfficeID, default: 0] += tally.units
            addressed[tally.recipientOfficeID, default: 0] += tally.units
        }
        self.months = fiscalYear.months.map { Month(month: $0, units: byMonth[$0] ?? [:]) }
        (self.inside, self.outgoing, self.incoming) = (inside, outgoing, incoming)

        self.subsidy = SubsidyList(members: joined, tallies: year, offices: offices)
        let partnersByOffice = Dictionary(uniqueKeysWithValues: self.subsidy.entries.map { ($0.office.id, $0.partners.count) })
        self.offices = joined.map { office in
            OfficeRow(
                office: office, linkedPartners: linked[office.id] ?? 0, exchangePartners: partnersByOffice[office.id] ?? 0, sent: sent[office.id] ?? 0,
                addressed: addressed[office.id] ?? 0, active: activeIDs.contains(office.id))
        }
    }

    /// Units of the year, every kind.
    var units: Int { self.inside + self.outgoing + self.incoming }
}
