// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import Foundation
import Hummingbird
import NIOCore

/// Where the hub keeps its data: `--data` folder holding `hub.json` (configuration and keys) and `hub.sqlite`.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's data folder (hub.json + hub.sqlite).", completion: .directory)
    var data: String = "data"

    @Option(help: "Configuration file (default: <data>/hub.json).", completion: .file())
    var config: String?

    var configPath: String { self.config ?? (self.data as NSString).appendingPathComponent("hub.json") }
    var databasePath: String { (self.data as NSString).appendingPathComponent("hub.sqlite") }

    func loadConfiguration() throws -> HubConfiguration { try HubConfiguration.load(path: self.configPath) }

    func openStore() throws -> SQLiteHubStore {
        guard FileManager.default.fileExists(atPath: self.databasePath) else {
            throw CommandError("ハブのデータがありません。先に careplan admin init を実行してください / no hub data in \(self.data): run careplan admin init first")
        }
        return try SQLiteHubStore(path: self.databasePath)
    }
}

/// Runs a hub application until SIGINT/SIGTERM, turning a taken port into a message that says what to do.
func runServer(_ app: some ApplicationProtocol, port: Int) async throws {
    do {
        try await app.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
        throw CommandError("ポート \(port) は使用中です。--port で別のポートを指定してください / port \(port) is in use; choose another with --port")
    }
}
