// CarePlan Link — CarePlanHub
import Foundation
public import Logging
import NIOPosix

/// The hub's long-lived parts, built once and passed to controllers and services.
public struct Hub: Sendable {
    public let store: any HubStore
    public let cipher: BlobCipher
    public let signer: ReceiptSigner
    /// Issues and recognises client certificates; nil when the configuration has no `caKey`.
    public let certificateAuthority: CertificateAuthority?
    public let configuration: HubConfiguration
    let rateLimiter: RateLimiter
    /// Bounds the uploads in progress (per office and in all).
    let uploads: UploadGate
    /// Seconds since 1970; replaceable in tests.
    let now: @Sendable () -> Double
    /// For refusals and security events (info), beside the per-request log.
    let logger: Logger

    /// Opens the hub over `store`: checks that the configured encryption key is the one the data was written with.
    /// - Throws: ``HubSetupError`` when a key is missing or wrong; the hub must not start then.
    public static func open(
        store: any HubStore, configuration: HubConfiguration, now: @escaping @Sendable () -> Double = HubClock.system,
        logger: Logger = Logger(label: "CarePlanHub")
    ) async throws -> Hub {
        guard let encryptionKey = configuration.encryptionKey else {
            throw HubSetupError("暗号鍵（encryptionKey）が設定にありません。鍵なしでは起動しません / no encryptionKey in the configuration; the hub does not start without it")
        }
        guard let signingKey = configuration.signingKey else {
            throw HubSetupError("署名鍵（signingKey）が設定にありません / no signingKey in the configuration")
        }
        let cipher = try BlobCipher(base64Key: encryptionKey)
        let signer = try ReceiptSigner(base64PrivateKey: signingKey)
        if let check = try await store.setting("keyCheck") {
            guard let sealed = Data(base64Encoded: check), (try? cipher.open(Array(sealed), sha256: "keyCheck")) == BlobCipher.keyCheckPlaintext else {
                throw HubSetupError("暗号鍵がデータと一致しません（鍵の紛失・取り違え） / the encryption key does not match the stored data (lost or wrong key)")
            }
        } else {
            let sealed = try cipher.seal(BlobCipher.keyCheckPlaintext, sha256: "keyCheck")
            try await store.setSetting("keyCheck", Data(sealed).base64EncodedString())
        }
        if let published = try await store.setting("signingPublicKey"), published != signer.publicKey {
            throw HubSetupError("署名鍵が以前と異なります（発行済み受領証を検証できなくなります） / the signing key differs from the one receipts were issued with")
        }
        try await store.setSetting("signingPublicKey", signer.publicKey)
        var certificateAuthority: CertificateAuthority?
        if let caKey = configuration.caKey {
            let authority = try CertificateAuthority(base64Key: caKey, certificatePEM: try await store.setting("caCertificate"))
            try await store.setSetting("caCertificate", try authority.certificatePEM)
            certificateAuthority = authority
        }
        // Made now, not at the first unknown login name: that login would take twice as long as the others.
        _ = try await NIOThreadPool.singleton.runIfActive { PasswordLogin.dummyHash }
        return Hub(
            store: store, cipher: cipher, signer: signer, certificateAuthority: certificateAuthority, configuration: configuration,
            rateLimiter: RateLimiter(perMinute: configuration.limits.requestsPerMinute),
            uploads: UploadGate(perOffice: configuration.limits.concurrentUploadsPerOffice, total: configuration.limits.concurrentUploads), now: now,
            logger: logger)
    }
}

/// The hub's clock: seconds since 1970.
public enum HubClock {
    public static let system: @Sendable () -> Double = { Date().timeIntervalSince1970 }
}
