// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// 事業所一覧 for the hub operator: every office with office-level facts only — its accounts, linked partners, where
/// its usage period stands, and how many units it sent and received in the last 30 days. Never a file or a user.
struct OfficeDirectory {
    let hub: Hub

    struct Entry: Sendable {
        let office: Office
        let accounts: Int
        let partners: Int
        let standing: UsageStanding
        /// Units sent and addressed to it in the last 30 days (withdrawn ones not counted).
        let sent: Int
        let received: Int
        /// The last unit either way, if any in the window.
        let lastAt: Double?
    }

    /// At most this many rows are shown; the search narrows them.
    static let pageSize = 200

    /// The offices whose name, 事業所番号 or 市区町村コード contains `text` (NFKC), by 事業所番号.
    func entries(matching text: String?) async throws -> (entries: [Entry], total: Int) {
        let needle = (text ?? "").precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        let offices = try await self.hub.store.offices()
            .filter { needle.isEmpty || $0.name.precomposedStringWithCompatibilityMapping.contains(needle) || $0.number.contains(needle) || $0.municipalityCode == needle }
            .sorted { ($0.number, $0.serviceType) < ($1.number, $1.serviceType) }
        let shown = Array(offices.prefix(Self.pageSize))
        let ids = shown.map(\.id)
        let now = self.hub.now()
        let accounts = Dictionary(grouping: try await self.hub.store.accounts(officeID: nil).compactMap(\.officeID), by: { $0 }).mapValues(\.count)
        let partners = try await self.hub.store.linkedPartnerCounts(officeIDs: ids)
        let periods = Dictionary(grouping: try await self.hub.store.usagePeriods(), by: \.officeID)
        let tallies = try await self.hub.store.exchangeTallies(officeIDs: ids, from: now - 30 * 86_400, to: now + 1)
        let entries = shown.map { office in
            let sent = tallies.filter { $0.senderOfficeID == office.id }
            let received = tallies.filter { $0.recipientOfficeID == office.id }
            return Entry(
                office: office, accounts: accounts[office.id] ?? 0, partners: partners[office.id] ?? 0,
                standing: UsageStanding(periods: periods[office.id] ?? [], at: now, graceDays: self.hub.configuration.licences.graceDays),
                sent: sent.reduce(0) { $0 + $1.units }, received: received.reduce(0) { $0 + $1.units }, lastAt: (sent + received).map(\.lastAt).max())
        }
        return (entries, offices.count)
    }
}
