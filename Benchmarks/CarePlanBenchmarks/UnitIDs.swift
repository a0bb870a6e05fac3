// CarePlan Link — careplan-bench
import Synchronization

/// Unit ids recorded by upload workers for the download phase.
final class UnitIDs: Sendable {
    private let entries: Mutex<[(String, [String])]>

    init(count: Int) { self.entries = Mutex(Array(repeating: ("", []), count: count)) }

    func set(_ index: Int, id: String, files: [String]) { self.entries.withLock { $0[index] = (id, files) } }
    func get(_ index: Int) -> (String, [String]) { self.entries.withLock { $0[index] } }
}
