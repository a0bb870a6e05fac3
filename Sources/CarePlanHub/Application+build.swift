// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import Foundation
public import Hummingbird
import HummingbirdTLS
import HummingbirdCore
public import Logging
public import NIOCore
import NIOSSL
public import Prometheus

/// Builds the hub's router: system routes, login, the authenticated exchange API under `/api/v1`, and the web UI
/// under `/web`.
/// `router` may come with middleware already added (tests put a fault injector in front).
func buildRouter(
    hub: Hub, registry: PrometheusCollectorRegistry, router: Router<HubRequestContext> = Router(context: HubRequestContext.self),
    demoPassword: String? = nil
) throws -> Router<HubRequestContext> {
    router.addMiddleware {
        LogRequestsMiddleware(.debug)
        MetricsMiddleware()
        SecurityHeadersMiddleware(https: hub.configuration.tls != nil)
        DisconnectMiddleware()
    }
    SystemController(hub: hub, registry: registry).addRoutes(to: router)
    AuthController(hub: hub).addRoutes(to: router.group("api/v1"))
    let api = router.group("api/v1").add(middleware: AuthMiddleware(hub: hub))
    ExchangeController(hub: hub).addRoutes(to: api)
    AuditController(hub: hub).addRoutes(to: api)
    PartnerController(hub: hub).addRoutes(to: api)
    MonthController(hub: hub).addRoutes(to: api)

    let pages = try WebPages()
    let help = try HelpCatalog()
    let web = router.group("web").add(middleware: WebMiddleware(pages: pages))
    let session = web.group().add(middleware: AuthMiddleware(hub: hub, sessionCookie: WebLoginController.cookieName))
        .add(middleware: SessionErrorPages(pages: pages))
    WebLoginController(hub: hub, pages: pages, demoPassword: demoPassword).addRoutes(public: web, protected: session)
    OfficeWebController(hub: hub, pages: pages).addRoutes(to: session)
    UnitFormsController(hub: hub).addRoutes(to: session)
    PartnerWebController(hub: hub, pages: pages).addRoutes(to: session)
    MonthWebController(hub: hub, pages: pages).addRoutes(to: session)
    PaperWebController(hub: hub, pages: pages).addRoutes(to: session)
    SettingsWebController(hub: hub, pages: pages).addRoutes(to: session)
    RegionWebController(hub: hub, pages: pages).addRoutes(to: session)
    OperatorWebController(hub: hub, pages: pages).addRoutes(to: session)
    OperatorDirectoryWebController(hub: hub, pages: pages).addRoutes(to: session)
    OperatorHealthWebController(hub: hub, pages: pages, startedAt: hub.now()).addRoutes(to: session)
    OnboardingWebController(hub: hub, pages: pages).addRoutes(public: web, protected: session)
    PasswordWebController(hub: hub, pages: pages).addRoutes(to: session)
    SoftwareWebController(hub: hub, pages: pages).addRoutes(to: session)
    TimeStudyWebController(hub: hub, pages: pages).addRoutes(to: session)
    HelpWebController(hub: hub, pages: pages, catalog: help).addRoutes(to: web)
    router.get("") { _, _ in Response.redirect(to: "/web/inbox", type: .normal) }
    // `/web` itself leads to the inbox (which leads to the login page without a session).
    router.get("web") { _, _ in Response.redirect(to: "/web/inbox", type: .normal) }
    return router
}

/// Builds the hub application over `store` with `configuration`.
/// - Parameters:
///   - registry: the Prometheus registry served at `/metrics` (bootstrap it into swift-metrics once per process to see
///     request metrics; `careplan serve` does).
///   - demoPassword: shown on the login page (`careplan demo` only).
public func buildApplication(
    store: any HubStore, configuration: HubConfiguration, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger = Logger(label: "CarePlanHub"), now: @escaping @Sendable () -> Double = HubClock.system,
    demoPassword: String? = nil, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    // No store access here: the store's service is not running yet. The key checks run before the server starts.
    let hub = try Hub(store: store, configuration: configuration, now: now, logger: logger)
    return try makeApplication(
        hub: hub, router: buildRouter(hub: hub, registry: registry, demoPassword: demoPassword), logger: logger, onServerRunning: onServerRunning)
}

/// The application over a hub and its router: HTTP or HTTPS per the configuration; the store, the retention job and
/// the audit checkpoints as services; ``Hub/prepare()`` before the server accepts connections.
func makeApplication(
    hub: Hub, router: Router<HubRequestContext>, logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let configuration = hub.configuration
    let limits = configuration.limits
    var http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [
            ConnectionGuard(
                headerTimeout: .seconds(fractional: limits.headerTimeoutSeconds), bodyTimeout: .seconds(fractional: limits.bodyTimeoutSeconds + 5),
                stalledWriteTimeout: .seconds(fractional: limits.idleTimeoutSeconds))
        ],
        idleTimeout: .seconds(fractional: limits.idleTimeoutSeconds))
    http1.httpDecoder = .init(maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes, maxHeaderFieldCount: 100)
    let server: HTTPServerBuilder = try configuration.tls.map { try .tls(.http1(configuration: http1), configuration: tlsConfiguration($0, hub: hub)) }
        ?? .http1(configuration: http1)
    var application = Application(
        router: router,
        server: server,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "CarePlanLink",
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
        // Services shut down in reverse order: the store last.
        services: [hub.store, RetentionService(hub: hub, logger: logger), AuditCheckpointService(hub: hub, logger: logger), NotificationService(hub: hub, logger: logger)],
        onServerRunning: onServerRunning,
        logger: logger)
    application.beforeServerStarts { try await hub.prepare() }
    return application
}

/// HTTPS with optional client certificates: a client may present one issued by the hub's CA (it is verified in the
/// handshake; revocation is checked per request) or authenticate with a bearer token instead.
private func tlsConfiguration(_ tls: HubConfiguration.TLS, hub: Hub) throws -> TLSChannelConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do {
        chain = try NIOSSLCertificate.fromPEMFile(tls.certificateFile)
        key = try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem)
    } catch {
        throw HubSetupError("TLS の証明書・鍵を読めません / cannot read the TLS certificate or key (\(tls.certificateFile), \(tls.privateKeyFile)): \(error)")
    }
    var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    guard hub.configuration.caKey != nil else { return TLSChannelConfiguration(tlsConfiguration: configuration) }
    configuration.certificateVerification = .optionalVerification
    return TLSChannelConfiguration(tlsConfiguration: configuration) { certificates, promise in
        promise.succeed(ClientCertificateCheck.verify(certificates, authority: hub.certificateAuthority))
    }
}

extension TimeAmount {
    /// Seconds as configured (a `Double` in `hub.json`).
    /// Clamped to 1 ms … 30 days, so that a mistyped value neither traps nor spins.
    static func seconds(fractional seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(min(max(seconds, 0.001), 30 * 86_400) * 1_000_000_000))
    }
}
