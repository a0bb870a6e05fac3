// CarePlan Link — CarePlanHub
import Crypto
import Foundation

/// Encrypts file bodies at rest with AES-256-GCM under the hub's key. The stored form is nonce ‖ ciphertext ‖ tag
/// (`AES.GCM.SealedBox.combined`); the file's SHA-256 is bound in as authenticated data, so a body cannot be moved
/// to another address unnoticed.
public struct BlobCipher: Sendable {
    private let key: SymmetricKey

    /// - Parameter base64Key: 32 bytes, base64.
    public init(base64Key: String) throws(HubSetupError) {
        guard let data = Data(base64Encoded: base64Key), data.count == 32 else {
            throw HubSetupError("暗号鍵は32バイトのbase64でなければなりません / the encryption key must be 32 bytes, base64-encoded")
        }
        self.key = SymmetricKey(data: data)
    }

    /// The key of the user index (``UserIndex``): derived from this key, so that it needs no setting of its own and is
    /// never the key that encrypts.
    func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: self.key, info: Data(purpose.utf8), outputByteCount: 32)
    }

    /// A new random key, base64.
    public static func generateKey() -> String { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() } }

    public func seal(_ plaintext: [UInt8], sha256: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: self.key, authenticating: Data(sha256.utf8))
        return Array(box.combined!)
    }

    public func open(_ stored: [UInt8], sha256: String) throws -> [UInt8] {
        let box = try AES.GCM.SealedBox(combined: stored)
        return Array(try AES.GCM.open(box, using: self.key, authenticating: Data(sha256.utf8)))
    }

    /// A value stored once at first start and opened at every start, so that a wrong or lost key stops the hub at
    /// start-up instead of failing later (or, worse, leading anyone to store plaintext).
    static let keyCheckPlaintext = Array("CarePlan Link key check".utf8)
}
