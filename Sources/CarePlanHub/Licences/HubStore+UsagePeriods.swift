// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanCSV
import Foundation

extension HubStore {
    /// Records a usage period of the registered office `office` from `start` up to `end` (seconds since 1970), audited
    /// as `licence.add` by `actor`.
    /// - Throws: ``AccountAdminError`` for an unknown office or an end not after the start.
    public func addUsagePeriod(
        for office: OfficeID, kind: UsagePeriod.Kind, from start: Double, until end: Double, note: String, at time: Double, actor: String
    ) async throws -> UsagePeriod {
        guard let serviceType = office.serviceType, let row = try await self.office(number: office.number, serviceType: serviceType) else {
            throw AccountAdminError("事業所が未登録です / unknown office \(office)")
        }
        return try await self.addUsagePeriod(for: row, kind: kind, from: start, until: end, note: note, at: time, actor: actor)
    }

    /// Records a usage period of `office`.
    /// - Throws: ``AccountAdminError`` for an end not after the start.
    public func addUsagePeriod(
        for office: Office, kind: UsagePeriod.Kind, from start: Double, until end: Double, note: String, at time: Double, actor: String
    ) async throws -> UsagePeriod {
        guard end > start else { throw AccountAdminError("終了日は開始日より後にしてください / the end must come after the start") }
        let note = String(note.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        return try await self.createUsagePeriod(
            UsagePeriod(officeID: office.id, kind: kind, startsAt: start, endsAt: end, note: note, createdAt: time),
            audit: AuditRecord(
                actor: actor, office: office.officeID.description, action: "licence.add",
                subject: "\(kind.rawValue) \(JapanTime.date(start))..\(JapanTime.date(end))"))
    }

    /// Removes a usage period, audited as `licence.remove`. False when there is none.
    public func removeUsagePeriod(id: Int64, actor: String) async throws -> Bool {
        try await self.deleteUsagePeriod(id: id, audit: AuditRecord(actor: actor, office: nil, action: "licence.remove", subject: "period:\(id)"))
    }

    /// One line per period: id, office, kind, from, until (the day before the exclusive end), note.
    public func usagePeriodLines() async throws -> [String] {
        let offices = Dictionary(uniqueKeysWithValues: try await self.offices().map { ($0.id, $0) })
        return try await self.usagePeriods().map { period in
            let office = offices[period.officeID].map { "\($0.officeID) \($0.name)" } ?? "office \(period.officeID)"
            return "\(period.id)\t\(office)\t\(period.kind.rawValue)\t\(JapanTime.date(period.startsAt))\t\(JapanTime.date(period.endsAt - 1))\t\(period.note)"
        }
    }
}
