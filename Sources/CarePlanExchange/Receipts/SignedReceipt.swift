// CarePlan Link — CarePlanExchange
import Foundation

/// A signed statement by the hub about a send unit (accepted, received, imported or refused, withdrawn, expired): the
/// proof of send and of receipt.
///
/// The JSON form is `{"payload": "<canonical JSON, base64>", "signature": "<Ed25519, base64>", "publicKey": "<base64>"}`;
/// ``ReceiptVerifier`` checks it offline with the hub's published public key.
public struct SignedReceipt: Codable, Sendable, Hashable {
    public var payload: String
    public var signature: String
    public var publicKey: String

    public init(payload: String, signature: String, publicKey: String) {
        self.payload = payload
        self.signature = signature
        self.publicKey = publicKey
    }

    /// The decoded payload.
    public func decodedPayload() throws -> ReceiptPayload {
        guard let data = Data(base64Encoded: self.payload) else { throw ReceiptError.malformed }
        return try JSONDecoder().decode(ReceiptPayload.self, from: data)
    }

    /// A receipt from its JSON form (as stored, and as `careplan receipt verify` reads it).
    public init(json: String) throws {
        self = try JSONDecoder().decode(SignedReceipt.self, from: Data(json.utf8))
    }

    /// The JSON form with sorted keys. With `escapingSlashes` (the default) it is the form the hub stores and answers
    /// an acknowledgement with (`/` written `\/`); without, the form the client has always kept beside sent files.
    public func json(escapingSlashes: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapingSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        // Three strings always encode.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
