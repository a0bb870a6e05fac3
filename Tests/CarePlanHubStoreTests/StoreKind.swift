// CarePlan Link — the stores the conformance suite runs against.
import CarePlanHubStore
import Foundation
import Testing

/// Every store implementation (and configuration of one) that must pass ``HubStoreConformanceTests``. A new store adds
/// a case here; nothing else in the suite changes.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// SQLite in memory (`DatabaseQueue`), as the hub's tests use it.
    case sqliteMemory
    /// SQLite on a file (`DatabasePool`, WAL, synchronous = FULL, group commit), as the hub runs.
    case sqliteFile
    /// SQLite on a file without group commit: every write its own transaction.
    case sqliteFileDirect

    var testDescription: String { self.rawValue }

    func makeStore() throws -> any HubStore {
        switch self {
        case .sqliteMemory:
            return try SQLiteHubStore.inMemory()
        case .sqliteFile, .sqliteFileDirect:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-conformance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteHubStore(
                path: folder.appendingPathComponent("hub.sqlite").path, options: .init(groupCommit: self == .sqliteFile))
        }
    }
}
