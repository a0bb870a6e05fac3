// CarePlan Link — the handshake's check of client certificates against the hub's CA.
import CarePlanHubStore
import CarePlanExchange
import Foundation
import NIOSSL
import Testing

@testable import CarePlanHub

@Suite("Client certificate check")
struct ClientCertificateCheckTests {
    private static func chain(_ issued: IssuedCertificate) throws -> [NIOSSLCertificate] {
        [try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem)]
    }

    @Test("a certificate of the hub's CA passes; another CA's (same name), an expired one, the server's, the CA's, none, and no CA yet do not")
    func verify() throws {
        let authority = try CertificateAuthority(base64Key: CertificateAuthority.generateKey(), certificatePEM: nil)
        let good = try authority.issueClientCertificate(loginName: "staff", office: "1310100021_11", days: 30)
        #expect(ClientCertificateCheck.verify(try Self.chain(good), authority: authority) == .certificateVerified)

        // The same distinguished name, another key: only the signature tells them apart.
        let foreign = try CertificateAuthority(base64Key: CertificateAuthority.generateKey(), certificatePEM: nil)
        let impostor = try foreign.issueClientCertificate(loginName: "staff", office: "1310100021_11", days: 30)
        #expect(ClientCertificateCheck.verify(try Self.chain(impostor), authority: authority) == .failed)

        let old = try authority.issueClientCertificate(loginName: "staff", office: "1310100021_11", days: 30, now: Date().addingTimeInterval(-60 * 86_400))
        #expect(ClientCertificateCheck.verify(try Self.chain(old), authority: authority) == .failed)
        #expect(ClientCertificateCheck.verify(try Self.chain(good), authority: authority, now: Date().addingTimeInterval(31 * 86_400)) == .failed)

        // The hub's server certificate (same CA, serverAuth) and the CA certificate are no client certificates.
        let server = try authority.issueServerCertificate(hosts: ["localhost"])
        #expect(ClientCertificateCheck.verify(try Self.chain(server), authority: authority) == .failed)
        let ca = [try NIOSSLCertificate(bytes: Array(try authority.certificatePEM.utf8), format: .pem)]
        #expect(ClientCertificateCheck.verify(ca, authority: authority) == .failed)

        #expect(ClientCertificateCheck.verify([], authority: authority) == .failed)
        #expect(ClientCertificateCheck.verify(try Self.chain(good), authority: nil) == .failed)
    }
}
