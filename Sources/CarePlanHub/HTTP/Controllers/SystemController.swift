// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import Prometheus

/// Unauthenticated routes: health, Prometheus metrics, the OpenAPI document, the receipt public key, the CA certificate.
struct SystemController {
    let hub: Hub
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("health") { _, _ in
            // The store answers: a query that touches the database, on the live write connection.
            let durability = try await self.hub.store.durability()
            return Health(status: "ok", durability: durability)
        }
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            self.registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        router.get("api/v1/public-key") { _, _ in
            PublicKeyAnswer(publicKey: self.hub.signer.publicKey, algorithm: "Ed25519")
        }
        router.get("api/v1/ca.pem") { _, _ in
            // The trust root for the hub's server certificate and for the client certificates it issues.
            guard let authority = self.hub.certificateAuthority else {
                throw HubError(status: .notFound, code: "ca.none", message: "このハブは証明書を発行しません / this hub has no certificate authority")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/x-pem-file"], body: .init(byteBuffer: ByteBuffer(string: try authority.certificatePEM)))
        }
    }
}

/// `GET /health`: the store answers, and how it commits.
/// `GET /api/v1/public-key`: the key receipts are verified with.
struct PublicKeyAnswer: ResponseEncodable {
    let publicKey: String
    let algorithm: String
}

struct Health: ResponseEncodable {
    let status: String
    /// e.g. `journal_mode: wal`, `synchronous: full` (every commit fsynced before it returns).
    let durability: [String: String]
}
