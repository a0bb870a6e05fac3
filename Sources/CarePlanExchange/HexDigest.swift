// CarePlan Link — CarePlanExchange
import Crypto

/// SHA-256 as lowercase hex.
public enum HexDigest {
    public static func sha256(_ bytes: [UInt8]) -> String { Self.hex(SHA256.hash(data: bytes)) }

    /// Lowercase hex of a digest (a table lookup: `String(format:)` per byte showed up in the hub's profile).
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
