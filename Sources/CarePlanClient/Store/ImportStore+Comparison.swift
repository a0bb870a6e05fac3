// CarePlan Link — CarePlanClient

extension ImportStore {
    /// The two versions `careplan plans diff` compares: with two ids, those (older first); with one, that version and
    /// the one before it of the same plan (nil when it is the first).
    /// - Throws: ``UnknownVersion`` for an id the store does not have.
    public func comparison(ids: [Int64]) async throws -> (older: PlanVersion?, newer: PlanVersion) {
        precondition((1...2).contains(ids.count), "one or two ids")
        guard let newer = try await self.version(id: ids[ids.count - 1]) else { throw UnknownVersion(id: ids[ids.count - 1]) }
        guard ids.count == 2 else { return (try await self.version(before: newer), newer) }
        guard let older = try await self.version(id: ids[0]) else { throw UnknownVersion(id: ids[0]) }
        return (older, newer)
    }

    /// No version with this id in the store.
    public struct UnknownVersion: Error, CustomStringConvertible {
        public let id: Int64
        public var description: String { "版がありません / no version \(self.id)" }
    }
}
