// CarePlan Link — CarePlanHub
import CarePlanExchange
import Crypto
public import Foundation
import SwiftASN1
public import X509

/// The hub's own certificate authority: the counterpart of the national system's 電子証明書. It issues one client
/// certificate per office account (for mutual-TLS login) and the hub's server certificate. Its P-256 key lives in the
/// configuration (`caKey`); its self-signed certificate is created once and kept in the store, so that every issued
/// certificate stays verifiable across restarts.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// A new CA key for `careplan admin init` (base64 of the raw P-256 scalar).
    public static func generateKey() -> String {
        P256.Signing.PrivateKey().rawRepresentation.base64EncodedString()
    }

    /// Loads the CA from its key and, when it exists, its stored certificate; otherwise creates the certificate.
    /// - Throws: ``HubSetupError`` when the key is malformed or is not the key of the stored certificate.
    public init(base64Key: String, certificatePEM: String?, now: Date = Date()) throws {
        guard let raw = Data(base64Encoded: base64Key), let key = try? P256.Signing.PrivateKey(rawRepresentation: raw) else {
            throw HubSetupError("認証局の鍵（caKey）が不正です / caKey is not a base64 P-256 private key")
        }
        self.key = key
        if let certificatePEM {
            let certificate = try Certificate(pemEncoded: certificatePEM)
            guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
                throw HubSetupError("認証局の鍵が発行済み証明書と一致しません / caKey does not match the hub's CA certificate; issued certificates would stop working")
            }
            self.certificate = certificate
        } else {
            let name = try DistinguishedName {
                OrganizationName("CarePlan Link")
                CommonName("CarePlan Link Hub CA")
            }
            self.certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(20 * 365 * 86_400),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
                issuerPrivateKey: .init(key))
        }
    }

    /// The CA certificate in PEM, to store and to give clients as their trust root.
    public var certificatePEM: String {
        get throws { try self.certificate.serializeAsPEM().pemString }
    }

    /// Issues an office account's client certificate (CN = login name, O = 事業所番号_種類, OU = the hub).
    public func issueClientCertificate(loginName: String, office: String, days: Double, now: Date = Date()) throws -> IssuedCertificate {
        let subject = try DistinguishedName {
            OrganizationName(office)
            OrganizationalUnitName("CarePlan Link")
            CommonName(loginName)
        }
        return try self.issue(
            subject: subject, days: days, now: now,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            })
    }

    /// Issues the hub's TLS server certificate for `hosts` (DNS names or IPv4/IPv6 addresses).
    public func issueServerCertificate(hosts: [String], days: Double = 825, now: Date = Date()) throws -> IssuedCertificate {
        let names: [GeneralName] = hosts.map { host in
            if let address = IPAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(address.bytes))) }
            return .dnsName(host)
        }
        let subject = try DistinguishedName {
            OrganizationName("CarePlan Link")
            CommonName(hosts.first ?? "localhost")
        }
        return try self.issue(
            subject: subject, days: days, now: now,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            })
    }

    private func issue(subject: DistinguishedName, days: Double, now: Date, extensions: Certificate.Extensions) throws -> IssuedCertificate {
        let leafKey = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(days * 86_400),
            issuer: self.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: .init(self.key))
        return IssuedCertificate(
            certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: leafKey.pemRepresentation,
            fingerprint: try Self.fingerprint(of: certificate), serial: HexDigest.hex(Array(certificate.serialNumber.bytes)),
            notValidAfter: now.addingTimeInterval(days * 86_400).timeIntervalSince1970)
    }

    /// SHA-256 of the certificate's DER encoding (hex): how the hub recognises a certificate presented at login.
    public static func fingerprint(of certificate: Certificate) throws -> String {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Self.fingerprint(der: serializer.serializedBytes)
    }

    public static func fingerprint(der: [UInt8]) -> String {
        HexDigest.sha256(der)
    }
}

/// A certificate and its private key as PEM, with what the hub records of it.
public struct IssuedCertificate: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String
    /// SHA-256 of the DER encoding (hex).
    public let fingerprint: String
    /// Serial number (hex).
    public let serial: String
    /// Unix seconds.
    public let notValidAfter: Double
}

/// The bytes of an IPv4 or IPv6 literal, for subject alternative names.
private struct IPAddressBytes {
    let bytes: [UInt8]

    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            self.bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }
}
