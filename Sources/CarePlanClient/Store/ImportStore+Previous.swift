// CarePlan Link — CarePlanClient

extension ImportStore {
    /// The version of the same key applied just before `version` (前の版): the latest one with an earlier ファイル連番, or
    /// with the same ファイル連番 and a smaller id; nil for the first version of a key.
    public func version(before version: PlanVersion) async throws -> PlanVersion? {
        try await self.history(version.key).last { $0.timestamp < version.timestamp || ($0.timestamp == version.timestamp && $0.id < version.id) }
    }
}
