// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanHub
import CarePlanHubStorePostgres
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

extension Careplan {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the exchange hub (送受信ハブ) until SIGINT/SIGTERM.")

        @OptionGroup var hub: HubOptions

        @Option(help: "Address to listen on (overrides the configuration).")
        var host: String?

        @Option(help: "Port (overrides the configuration).")
        var port: Int?

        @Option(help: "Log level (a mistyped one is refused).")
        var logLevel: Logger.Level = .info

        func run() async throws {
            var configuration = try self.hub.loadConfiguration()
            if let host = self.host { configuration.host = host }
            if let port = self.port { configuration.port = port }
            var logger = Logger(label: "careplan.hub")
            logger.logLevel = self.logLevel
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let store = try await self.hub.openStore()
            // PostgreSQL's pool outlives the service group (the hub reads before it starts): closed once the server stopped.
            defer { (store as? PostgresHubStore)?.close() }
            let app = try await buildApplication(store: store, configuration: configuration, registry: registry, logger: logger)
            let scheme = configuration.tls == nil ? "http" : "https"
            let data = configuration.database.map { PostgresHubStore.redacted(url: $0) } ?? self.hub.folder.databasePath
            logger.info("CarePlan Link hub", metadata: ["address": "\(scheme)://\(configuration.host):\(configuration.port)", "data": "\(data)"])
            try await runServer(app, port: configuration.port)
        }
    }
}
