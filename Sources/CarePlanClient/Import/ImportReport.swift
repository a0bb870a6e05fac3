// CarePlan Link — CarePlanClient
public import CarePlanCSV
public import CarePlanExchange

/// What an import did.
public struct ImportReport: Sendable {
    public var imported: [SendUnitKey] = []
    public var alreadyImported: [SendUnitKey] = []
    public var rejected: [Rejected] = []
    /// Keys set by the imported units.
    public var appliedKeys: [PlanKey] = []
    /// Keys a unit did not set because newer data was already applied.
    public var stale: [Stale] = []
    /// Files whose names are not spec file names.
    public var ignoredFiles: [String] = []
    /// What became of each unit, in import order, with the folder its files came from (where `careplan fetch` put
    /// the hub's `unit.json`): what is reported to the hub.
    public var outcomes: [Outcome] = []

    public struct Rejected: Sendable {
        public let unit: SendUnitKey
        public let reason: String
        /// The located reasons, without values (what the sender is shown).
        public let problems: [ImportProblem]
    }

    /// One unit's result.
    public struct Outcome: Sendable {
        public let unit: SendUnitKey
        /// The folder of the unit's files.
        public let folder: String
        /// `imported` (applied now or before) or `refused` with the problems.
        public let report: ImportReportRequest
    }

    public struct Stale: Sendable, CustomStringConvertible {
        public let unit: SendUnitKey
        public let key: PlanKey
        /// ファイル連番 of the newer version already applied.
        public let appliedTimestamp: String

        public var description: String {
            "\(self.key): 送信単位 \(self.unit.timestamp) は取込済みの \(self.appliedTimestamp) より古いため適用しません / unit \(self.unit.timestamp) is older than the applied \(self.appliedTimestamp); not applied"
        }
    }
}
