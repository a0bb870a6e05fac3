// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore

extension UnitView {
    /// The API's view of a stored unit, from the unit with its files and offices as the store lists them.
    init(_ listed: ListedUnit) {
        let unit = listed.unit
        self.init(
            id: unit.id, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description, timestamp: unit.timestamp,
            pattern: unit.pattern, state: unit.state.rawValue, stateLabel: unit.state.japanese, createdAt: ISO8601.string(unit.createdAt),
            downloadedAt: unit.downloadedAt.map(ISO8601.string), acknowledgedAt: unit.acknowledgedAt.map(ISO8601.string),
            filesPurgedAt: unit.filesPurgedAt.map(ISO8601.string),
            files: listed.files.map { UnitView.File(name: $0.name, kind: $0.kind, sha256: $0.sha256, size: $0.size) })
    }
}
