// CarePlan Link — CarePlanHub
import Foundation
public import Hummingbird
public import Logging
public import Prometheus

/// Builds the hub's router: system routes, login, and the authenticated exchange API under `/api/v1`.
func buildRouter(hub: Hub, registry: PrometheusCollectorRegistry) -> Router<HubRequestContext> {
    let router = Router(context: HubRequestContext.self)
    router.addMiddleware {
        LogRequestsMiddleware(.debug)
        MetricsMiddleware()
    }
    SystemController(hub: hub, registry: registry).addRoutes(to: router)
    AuthController(hub: hub).addRoutes(to: router.group("api/v1"))
    let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(hub: hub))
    ExchangeController(hub: hub).addRoutes(to: api)
    return router
}

/// Builds the hub application over `store` with `configuration`.
/// - Parameters:
///   - registry: the Prometheus registry served at `/metrics` (bootstrap it into swift-metrics once per process to see
///     request metrics; `careplan serve` does).
public func buildApplication(
    store: any HubStore, configuration: HubConfiguration, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger = Logger(label: "CarePlanHub"), now: @escaping @Sendable () -> Double = HubClock.system
) async throws -> some ApplicationProtocol {
    let hub = try await Hub.open(store: store, configuration: configuration, now: now)
    let router = buildRouter(hub: hub, registry: registry)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "CarePlanLink"),
        services: [RetentionService(hub: hub, logger: logger)],
        logger: logger)
}
