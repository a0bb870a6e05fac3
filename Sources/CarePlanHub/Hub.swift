// CarePlan Link — CarePlanHub
public import CarePlanForms
public import CarePlanHubStore
import CarePlanMail
import Foundation
public import Logging
import NIOPosix
import Synchronization

/// The hub's long-lived parts, built once and passed to controllers and services.
///
/// Made in two steps, because a store may need its service running before it answers: ``init(store:configuration:now:logger:)``
/// reads only the configuration's keys, and ``prepare()`` checks them against the store — in `beforeServerStarts`
/// when the hub runs as a server (the store's `run()` is then active), or through ``open(store:configuration:now:logger:)``
/// for one-shot commands.
public struct Hub: Sendable {
    public let store: any HubStore
    public let cipher: BlobCipher
    /// Keyed digests of users, for filtering listings by 被保険者番号.
    let userIndex: UserIndex
    public let signer: ReceiptSigner
    public let configuration: HubConfiguration
    let rateLimiter: RateLimiter
    /// 利用申請 per client address: the form is public, so a few a minute is all one address may send.
    let applicationLimiter: RateLimiter
    /// Bounds the uploads in progress (per office and in all).
    let uploads: UploadGate
    /// Prints forms to PDF (Chromium), when installed.
    let pdfPrinter: PDFPrinter
    /// Bounds the PDFs being printed: each is a browser process of about 200 MB.
    let printing: UploadGate
    /// Bounds the month overviews being built: each decrypts and parses up to 2,000 units.
    let monthReports: UploadGate
    /// Seconds since 1970; replaceable in tests.
    let now: @Sendable () -> Double
    /// For refusals and security events (info), beside the per-request log.
    let logger: Logger
    private let authority: AuthorityHolder
    /// メール通知's SMTP client; nil while notifications are off.
    let mailer: SMTPClient?
    /// Whether ``prepare()`` succeeded; the background services wait for it.
    let preparation: HubPreparation

    /// Issues and recognises client certificates; nil when the configuration has no `caKey`, or before ``prepare()``
    /// (its certificate is kept in the store).
    public var certificateAuthority: CertificateAuthority? { self.authority.value.withLock { $0 } }

    /// The hub over `store`, with the configuration's keys parsed; the store is not touched.
    /// - Throws: ``HubSetupError`` when a key is missing or malformed; the hub must not start then.
    public init(
        store: any HubStore, configuration: HubConfiguration, now: @escaping @Sendable () -> Double = HubClock.system,
        logger: Logger = Logger(label: "CarePlanHub"), pdfPrinter: PDFPrinter = .find()
    ) throws {
        guard let encryptionKey = configuration.encryptionKey else {
            throw HubSetupError("暗号鍵（encryptionKey）が設定にありません。鍵なしでは起動しません / no encryptionKey in the configuration; the hub does not start without it")
        }
        guard let signingKey = configuration.signingKey else {
            throw HubSetupError("署名鍵（signingKey）が設定にありません / no signingKey in the configuration")
        }
        self.store = store
        self.cipher = try BlobCipher(base64Key: encryptionKey)
        self.userIndex = UserIndex(cipher: self.cipher)
        self.signer = try ReceiptSigner(base64PrivateKey: signingKey)
        self.configuration = configuration
        self.rateLimiter = RateLimiter(perMinute: configuration.limits.requestsPerMinute, shared: store as? any SharedRateLimits)
        self.applicationLimiter = RateLimiter(perMinute: 3, shared: store as? any SharedRateLimits)
        self.uploads = UploadGate(perOffice: configuration.limits.concurrentUploadsPerOffice, total: configuration.limits.concurrentUploads)
        self.pdfPrinter = pdfPrinter
        self.printing = UploadGate(
            perOffice: 1, total: 2,
            refusal: ExchangeError(.busy, "pdf.busy", "PDF を作成中です。少し待ってから再試行してください / PDFs are being printed; retry in a moment"))
        self.monthReports = UploadGate(
            perOffice: 1, total: 2,
            refusal: ExchangeError(.busy, "month.busy", "今月の連携を作成中です。少し待ってから再試行してください / the month is being built; retry in a moment"))
        self.mailer = try Self.mailer(configuration.notifications)
        self.now = now
        self.logger = logger
        self.authority = AuthorityHolder()
        self.preparation = HubPreparation()
    }

    /// Checks that the configured encryption key is the one the data was written with and that the signing key is the
    /// one receipts were issued with, and loads (or, the first time, creates and keeps) the CA certificate.
    /// Idempotent.
    /// - Throws: ``HubSetupError`` when a key does not match the stored data.
    public func prepare() async throws {
        do {
            try await self.checkStore()
            self.preparation.finish(succeeded: true)
        } catch {
            self.preparation.finish(succeeded: false)
            throw error
        }
    }

    private func checkStore() async throws {
        if let check = try await self.store.setting("keyCheck") {
            guard let sealed = Data(base64Encoded: check),
                (try? self.cipher.open(Array(sealed), sha256: "keyCheck")) == BlobCipher.keyCheckPlaintext
            else {
                throw HubSetupError("暗号鍵がデータと一致しません（鍵の紛失・取り違え） / the encryption key does not match the stored data (lost or wrong key)")
            }
        } else {
            let sealed = try self.cipher.seal(BlobCipher.keyCheckPlaintext, sha256: "keyCheck")
            try await self.store.setSetting("keyCheck", Data(sealed).base64EncodedString())
        }
        if let published = try await self.store.setting("signingPublicKey"), published != self.signer.publicKey {
            throw HubSetupError("署名鍵が以前と異なります（発行済み受領証を検証できなくなります） / the signing key differs from the one receipts were issued with")
        }
        try await self.store.setSetting("signingPublicKey", self.signer.publicKey)
        if let caKey = self.configuration.caKey {
            let authority = try CertificateAuthority(base64Key: caKey, certificatePEM: try await self.store.setting("caCertificate"))
            try await self.store.setSetting("caCertificate", try authority.certificatePEM)
            self.authority.value.withLock { $0 = authority }
        }
        // Made now, not at the first unknown login name: that login would take twice as long as the others.
        _ = try await NIOThreadPool.singleton.runIfActive { PasswordLogin.dummyHash }
    }

    /// A prepared hub over `store`, for one-shot use (the CLI); a store that needs its service running must be running.
    /// - Throws: ``HubSetupError`` when a key is missing or wrong.
    public static func open(
        store: any HubStore, configuration: HubConfiguration, now: @escaping @Sendable () -> Double = HubClock.system,
        logger: Logger = Logger(label: "CarePlanHub"), pdfPrinter: PDFPrinter = .find()
    ) async throws -> Hub {
        let hub = try Hub(store: store, configuration: configuration, now: now, logger: logger, pdfPrinter: pdfPrinter)
        try await hub.prepare()
        return hub
    }
}

/// Where ``Hub/prepare()`` puts the certificate authority for every copy of the hub (the TLS handshake reads it).
private final class AuthorityHolder: Sendable {
    let value = Mutex<CertificateAuthority?>(nil)
}
