// CarePlan Link — CarePlanHub
import CarePlanExchange
import Crypto
import Foundation

/// Bearer secrets: random, shown once, stored only as SHA-256.
public enum Secrets {
    /// A new secret with a readable prefix (`cpl_` for API tokens, `cps_` for sessions) and 256 random bits.
    public static func generate(prefix: String) -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let text = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// What is stored for a secret.
    public static func hash(_ secret: String) -> String { HexDigest.sha256(Array(secret.utf8)) }
}
