// CarePlan Link — CarePlanClient
public import CarePlanCSV

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

    public struct Rejected: Sendable {
        public let unit: SendUnitKey
        public let reason: String
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
