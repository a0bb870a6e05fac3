// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Per-request context: the core storage plus the authenticated identity.
struct HubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: HubIdentity?
    /// The connection, for the TLS client certificate.
    let channel: (any Channel)?

    init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.channel = source.channel
    }

    /// Every JSON answer is written the same way (``Foundation/JSONEncoder/hub``).
    var responseEncoder: JSONEncoder { JSONEncoder.hub }

    func requireIdentity() throws -> HubIdentity {
        guard let identity = self.identity else { throw HubError.unauthorized }
        return identity
    }

    /// The client's IP address: the peer's, or — when the peer is one of `trustedProxies` — the last address of
    /// `X-Forwarded-For` (the one that proxy added). `unknown` when there is no socket (router tests).
    func clientAddress(_ request: Request, trustedProxies: [String]) -> String {
        guard let peer = self.channel?.remoteAddress?.ipAddress else { return "unknown" }
        guard trustedProxies.contains(peer), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] else { return peer }
        let last = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        // An address is short and plain; anything else is not taken from a header.
        guard !last.isEmpty, last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return peer }
        return last
    }
}
