// CarePlan Link — CarePlanHub
import Crypto
import Foundation

/// A signed statement by the hub that a send unit was accepted or acknowledged: the proof of send and of receipt.
///
/// The JSON form is `{"payload": "<canonical JSON, base64>", "signature": "<Ed25519, base64>", "publicKey": "<base64>"}`;
/// ``ReceiptVerifier`` checks it offline with the hub's published public key.
public struct SignedReceipt: Codable, Sendable, Hashable {
    public var payload: String
    public var signature: String
    public var publicKey: String

    /// The decoded payload.
    public func decodedPayload() throws -> ReceiptPayload {
        guard let data = Data(base64Encoded: self.payload) else { throw ReceiptError.malformed }
        return try JSONDecoder().decode(ReceiptPayload.self, from: data)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

/// What a receipt states.
public struct ReceiptPayload: Codable, Sendable, Hashable {
    /// `accepted` (受付) or `acknowledged` (取込).
    public var event: String
    public var unitID: String
    /// 送信元 `事業所番号_種類`
    public var sender: String
    /// 送信先 `事業所番号_種類`
    public var recipient: String
    /// ファイル連番
    public var timestamp: String
    public var files: [File]
    /// ISO 8601 UTC time of the event.
    public var time: String
    /// The audit log's head when the receipt was signed: the sequence number and hash of the entry recording this
    /// event. Whoever holds the receipt can later prove that the log was not cut or rewritten before that point
    /// (`careplan audit verify --evidence`). Absent in receipts issued before the hub recorded it.
    public var auditSequence: Int64?
    public var auditHash: String?

    public struct File: Codable, Sendable, Hashable {
        public var name: String
        public var sha256: String
        public var size: Int

        public init(name: String, sha256: String, size: Int) {
            self.name = name
            self.sha256 = sha256
            self.size = size
        }
    }

    public init(
        event: String, unitID: String, sender: String, recipient: String, timestamp: String, files: [File], time: String, audit: AuditPosition? = nil
    ) {
        self.event = event
        self.unitID = unitID
        self.sender = sender
        self.recipient = recipient
        self.timestamp = timestamp
        self.files = files
        self.time = time
        self.auditSequence = audit?.sequence
        self.auditHash = audit?.hash
    }

    /// Where the receipt places itself in the audit chain, if it says.
    public var auditPosition: AuditPosition? {
        guard let sequence = self.auditSequence, let hash = self.auditHash else { return nil }
        return AuditPosition(sequence: sequence, hash: hash)
    }
}

public enum ReceiptError: Error, CustomStringConvertible, Equatable {
    case malformed
    case badSignature
    case unexpectedKey

    public var description: String {
        switch self {
        case .malformed: "受領証の形式が不正です / the receipt is malformed"
        case .badSignature: "署名が一致しません（改ざんの可能性） / the signature does not match (the receipt was altered or is forged)"
        case .unexpectedKey: "受領証の公開鍵がハブの公開鍵と異なります / the receipt is signed with another key than the hub's"
        }
    }
}

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

    /// The receipt for `payload` placed at `position` in the audit chain, as stored JSON: what the store's transaction
    /// signs once the event's audit entry is appended.
    public func receipt(_ payload: ReceiptPayload, at position: AuditPosition) throws -> String {
        var payload = payload
        payload.auditSequence = position.sequence
        payload.auditHash = position.hash
        return try self.sign(payload).json()
    }

    public func sign(_ payload: some Encodable) throws -> SignedReceipt {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(payload)
        let signature = try self.key.signature(for: bytes)
        return SignedReceipt(payload: bytes.base64EncodedString(), signature: signature.base64EncodedString(), publicKey: self.publicKey)
    }
}

/// Checks receipts offline (`careplan receipt verify`).
public enum ReceiptVerifier {
    /// Verifies `receipt` against the hub's public key; returns the payload it vouches for.
    public static func verify(_ receipt: SignedReceipt, publicKey: String) throws(ReceiptError) -> ReceiptPayload {
        try Self.verify(receipt, publicKey: publicKey, as: ReceiptPayload.self)
    }

    /// Verifies any statement the hub signed (a receipt, an audit checkpoint) and decodes its payload as `Payload`.
    public static func verify<Payload: Decodable>(_ receipt: SignedReceipt, publicKey: String, as type: Payload.Type) throws(ReceiptError) -> Payload {
        guard receipt.publicKey == publicKey else { throw .unexpectedKey }
        guard let keyData = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData),
            let payload = Data(base64Encoded: receipt.payload), let signature = Data(base64Encoded: receipt.signature)
        else { throw .malformed }
        guard key.isValidSignature(signature, for: payload) else { throw .badSignature }
        guard let decoded = try? JSONDecoder().decode(Payload.self, from: payload) else { throw .malformed }
        return decoded
    }
}
