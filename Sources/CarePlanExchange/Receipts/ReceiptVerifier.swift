// CarePlan Link — CarePlanExchange
import Crypto
import Foundation

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
