// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import Foundation

/// The local import store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The local store (SQLite) that `import` writes and `plans`, `reconcile`, `export` read.", completion: .file())
    var store: String = "careplan-store.sqlite"

    func open() throws -> ImportStore { try ImportStore(path: self.store) }

    func openExisting() throws -> ImportStore {
        guard FileManager.default.fileExists(atPath: self.store) else {
            throw CommandError("取込ストアがありません。先に careplan import を実行してください / no store at \(self.store): run careplan import first")
        }
        return try ImportStore(path: self.store)
    }
}
