// CarePlan Link — CarePlanHub
public import CarePlanExchange
import Crypto
import Foundation

/// Signs receipts with the hub's Ed25519 key.
public struct ReceiptSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    public init(base64PrivateKey: String) throws(HubSetupError) {
        guard let data = Data(base64Encoded: base64PrivateKey), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
            throw HubSetupError("署名鍵は32バイトのbase64でなければなりません / the signing key must be 32 bytes, base64-encoded")
        }
        self.key = key
    }

    public static func generateKey() -> String { Curve25519.Signing.PrivateKey().rawRepresentation.base64EncodedString() }

    /// The public key clients use to verify receipts (base64).
    public var publicKey: String { self.key.publicKey.rawRepresentation.base64EncodedString() }

    /// The receipt for `payload` placed at `position` in the audit chain: what the store's transaction signs once the
    /// event's audit entry is appended.
    public func receipt(_ payload: ReceiptPayload, at position: AuditPosition) throws -> SignedReceipt {
        var payload = payload
        payload.auditSequence = position.sequence
        payload.auditHash = position.hash
        return try self.sign(payload)
    }

    public func sign(_ payload: some Encodable) throws -> SignedReceipt {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(payload)
        let signature = try self.key.signature(for: bytes)
        return SignedReceipt(payload: bytes.base64EncodedString(), signature: signature.base64EncodedString(), publicKey: self.publicKey)
    }
}
