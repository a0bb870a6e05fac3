// CarePlan Link — CarePlanClient
public import CarePlanExchange
import CarePlanCSV
import Foundation

/// Tells the hub what the import did with each unit fetched from it: 取込済 when applied, 取込不可 with the located
/// problems when refused. A report the hub cannot take now (unreachable, busy, a credential to renew) is queued in the
/// ``ImportStore`` and sent first by the next run; a report the hub refuses for good (e.g. the unit was withdrawn) is
/// dropped with its reason. The hub's signed
/// receipt is kept beside the unit's files (`receipt-imported.json` / `receipt-importRefused.json`).
///
/// ```swift
/// let report = try await store.importFiles(paths)
/// let told = try await ImportReporter(client: client, store: store).report(report.outcomes)
/// ```
public struct ImportReporter: Sendable {
    public let client: HubClient
    public let store: ImportStore

    /// What one run told the hub.
    public struct Outcome: Sendable {
        /// Unit ids told (queued ones included), with the receipt.
        public var reported: [(unitID: String, outcome: ImportReportRequest.Outcome)] = []
        /// Unit ids queued because the hub could not be reached.
        public var queued: [String] = []
        /// Reports the hub refused, with its reason; not retried.
        public var dropped: [(unitID: String, reason: String)] = []
        /// Units imported from folders without a hub `unit.json` (not fetched from a hub): nothing to report.
        public var notFromHub: [String] = []
    }

    public init(client: HubClient, store: ImportStore) {
        self.client = client
        self.store = store
    }

    /// Sends the queued reports, then one per outcome (in import order). Once the hub is unreachable, the rest is
    /// queued without trying.
    public func report(_ outcomes: [ImportReport.Outcome]) async throws -> Outcome {
        var result = Outcome()
        var work: [(unitID: String, report: ImportReportRequest, folder: String?)] = try await self.store.pendingReports().map { ($0.unitID, $0.report, nil) }
        for outcome in outcomes {
            guard let unitID = Self.hubUnitID(outcome) else {
                result.notFromHub.append(outcome.folder)
                continue
            }
            work.removeAll { $0.unitID == unitID }
            work.append((unitID, outcome.report, outcome.folder))
        }
        var reachable = true
        for item in work {
            guard reachable else {
                try await self.store.queueReport(unitID: item.unitID, item.report)
                result.queued.append(item.unitID)
                continue
            }
            do {
                let receipt = try await self.client.reportImport(unitID: item.unitID, item.report)
                if let folder = item.folder {
                    let name = item.report.outcome == .imported ? "receipt-imported.json" : "receipt-importRefused.json"
                    try DurableFile.store(Array(receipt.json(escapingSlashes: false).utf8), at: (folder as NSString).appendingPathComponent(name))
                }
                try await self.store.removePendingReport(unitID: item.unitID)
                result.reported.append((item.unitID, item.report.outcome))
            } catch let error as HubClientError {
                if case .rejected(let status, _, _, _) = error, Self.definitiveRefusals.contains(status) {
                    try await self.store.removePendingReport(unitID: item.unitID)
                    result.dropped.append((item.unitID, error.description))
                } else {
                    // Unreachable, busy after every retry, or a credential problem (401/403): the report waits.
                    reachable = false
                    try await self.store.queueReport(unitID: item.unitID, item.report)
                    result.queued.append(item.unitID)
                }
            }
        }
        return result
    }

    /// Answers that say the report itself cannot be taken (malformed, unknown or withdrawn unit, not received, already
    /// imported, expired): another attempt would get the same. Anything else (401, 403, 429, 5xx) keeps the report.
    static let definitiveRefusals: Set<Int> = [400, 404, 409, 410, 422]

    /// The hub's id of the unit, from the `unit.json` `careplan fetch` wrote beside its files, when it is this unit's.
    static func hubUnitID(_ outcome: ImportReport.Outcome) -> String? {
        let path = (outcome.folder as NSString).appendingPathComponent("unit.json")
        guard let data = FileManager.default.contents(atPath: path), let unit = try? JSONDecoder().decode(UnitView.self, from: data),
            unit.timestamp == outcome.unit.timestamp.description, unit.sender == outcome.unit.sender.description
        else { return nil }
        return unit.id
    }
}
