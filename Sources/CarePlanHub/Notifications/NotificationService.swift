// CarePlan Link — CarePlanHub
import Logging
import ServiceLifecycle

/// メール通知: every `notifications.intervalSeconds`, ``Hub/sendNotifications()``. Off the request path: an upload
/// never waits for a mail server. Does nothing while notifications are off.
struct NotificationService: Service {
    let hub: Hub
    let logger: Logger

    func run() async throws {
        guard await self.hub.preparation.wait(), self.hub.mailer != nil else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let pass = try await self.hub.sendNotifications()
                    if pass.mails + pass.failed > 0 {
                        self.logger.info(
                            "notifications", metadata: ["mails": "\(pass.mails)", "sent": "\(pass.sent)", "failed": "\(pass.failed)", "givenUp": "\(pass.givenUp)"])
                    }
                } catch {
                    self.logger.error("notifications failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(max(1, self.hub.configuration.notifications.intervalSeconds)))
            }
        }
    }
}
