// CarePlan Link — CarePlanHub
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The TLS handshake's check of a client certificate: issued by the hub's CA (its issuer name and signature), within
/// its validity, for client authentication (extended key usage `clientAuth`) and not a CA itself — so neither the
/// hub's own server certificate nor the CA certificate passes as a client's. Done here rather than with the CA as a trust root, because the CA certificate is read from the
/// store, which is only open once the hub's services run — after the server's TLS configuration is made. Revocation is
/// checked per request (the certificate's credential).
enum ClientCertificateCheck {
    static func verify(_ chain: [NIOSSLCertificate], authority: CertificateAuthority?, now: Date = Date()) -> NIOSSLVerificationResult {
        guard let authority, let leaf = chain.first, let der = try? leaf.toDERBytes(), let certificate = try? Certificate(derEncoded: der) else {
            return .failed
        }
        let issuer = authority.certificate
        guard certificate.issuer == issuer.subject, issuer.publicKey.isValidSignature(certificate.signature, for: certificate),
            certificate.notValidBefore <= now, now <= certificate.notValidAfter,
            let usage = try? certificate.extensions.extendedKeyUsage, usage.contains(.clientAuth)
        else { return .failed }
        if case .isCertificateAuthority = try? certificate.extensions.basicConstraints { return .failed }
        return .certificateVerified
    }
}
