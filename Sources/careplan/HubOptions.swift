// CarePlan Link — careplan command-line tool
import CarePlanHubStore
import ArgumentParser
import CarePlanHub

/// Where the hub keeps its data: the `--data` folder (``HubDataFolder``: `hub.json` and `hub.sqlite`).
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's data folder (hub.json + hub.sqlite).", completion: .directory)
    var data: String = "data"

    @Option(help: "Configuration file (default: <data>/hub.json).", completion: .file())
    var config: String?

    var folder: HubDataFolder { HubDataFolder(path: self.data, configPath: self.config) }

    func loadConfiguration() throws -> HubConfiguration { try self.folder.loadConfiguration() }

    func openStore() async throws -> any HubStore { try await self.folder.openStore() }
}
