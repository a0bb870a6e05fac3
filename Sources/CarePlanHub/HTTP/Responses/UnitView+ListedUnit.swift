// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation

extension UnitView {
    /// The API's view of a stored unit, from the unit with its files and offices as the store lists them; the expiry
    /// time from the hub's retention setting. The unit it replaces is named to the sender only (the recipient never
    /// saw a withdrawn one).
    init(_ listed: ListedUnit, hub: Hub, viewerIsSender: Bool) {
        let unit = listed.unit
        self.init(
            id: unit.id, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description, timestamp: unit.timestamp,
            pattern: unit.pattern, state: unit.state.rawValue, stateLabel: unit.state.japanese, createdAt: ISO8601.string(unit.createdAt),
            downloadedAt: unit.downloadedAt.map(ISO8601.string), importReportedAt: unit.importReportedAt.map(ISO8601.string),
            withdrawnAt: unit.withdrawnAt.map(ISO8601.string), expiredAt: unit.expiredAt.map(ISO8601.string),
            expiresAt: hub.expiry(of: unit).map(ISO8601.string), filesPurgedAt: unit.filesPurgedAt.map(ISO8601.string),
            previousUnitID: viewerIsSender ? unit.previousUnitID : nil, warnings: unit.decodedWarnings, importProblems: unit.decodedImportProblems,
            files: listed.files.map { UnitView.File(name: $0.name, kind: $0.kind, sha256: $0.sha256, size: $0.size, downloadedAt: $0.downloadedAt.map(ISO8601.string)) },
            senderName: OfficeLabel.text(listed.sender), recipientName: OfficeLabel.text(listed.recipient), label: UnitLabel.text(listed.files))
    }
}

extension ExchangeUnit {
    /// The acceptance warnings, decoded (nil when there were none).
    var decodedWarnings: [Diagnostic]? {
        self.warnings.flatMap { try? JSONDecoder().decode([Diagnostic].self, from: Data($0.utf8)) }
    }

    /// The reported import problems, decoded (nil unless 取込不可).
    var decodedImportProblems: [ImportProblem]? {
        self.importProblems.flatMap { try? JSONDecoder().decode([ImportProblem].self, from: Data($0.utf8)) }
    }
}
