// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation
import Logging
import ServiceLifecycle

/// The purge job: every `retention.intervalSeconds`, expires units nobody downloaded and deletes the files of units
/// read long enough ago. Stops with the server (graceful shutdown cancels the sleep).
struct RetentionService: Service {
    let hub: Hub
    let logger: Logger

    func run() async throws {
        // Nothing is expired or purged for a hub that refused to start (wrong key).
        guard await self.hub.preparation.wait() else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let result = try await Self.runOnce(self.hub)
                    if result.expired + result.purged > 0 {
                        self.logger.info("retention", metadata: ["expired": "\(result.expired)", "purged": "\(result.purged)"])
                    }
                } catch {
                    self.logger.error("retention failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(max(1, self.hub.configuration.retention.intervalSeconds)))
            }
        }
    }

    /// One pass of the job (also used by tests); `careplan admin purge` runs the same ``Hub/applyRetention(store:retention:at:)``.
    static func runOnce(_ hub: Hub) async throws -> (expired: Int, purged: Int) {
        try await hub.applyRetention()
    }
}
