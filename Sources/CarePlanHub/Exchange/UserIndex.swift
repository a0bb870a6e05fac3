// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import Crypto
import Foundation

/// Finds the units of a user without decrypting files: each unit is stored with keyed digests (HMAC-SHA256 under a
/// key derived from the hub's encryption key) of the 被保険者番号 its rows hold. The database holds digests only; whoever
/// has it without `hub.json` cannot test numbers against them.
struct UserIndex: Sendable {
    private let key: SymmetricKey

    init(cipher: BlobCipher) {
        self.key = cipher.derivedKey(purpose: "careplan-link user index v1")
    }

    /// The digest of a 被保険者番号 (full-width digits and spaces are read as typed by people).
    func digest(insuredNumber: String) -> String {
        let number = insuredNumber.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
        let code = HMAC<SHA256>.authenticationCode(for: Data(("insured:" + number).utf8), using: self.key)
        return HexDigest.hex(Array(code))
    }

    /// Digests of every user whose rows the validated files hold.
    func digests(of reports: [FileReport]) -> [String] {
        var numbers = Set<String>()
        for report in reports {
            for key in report.summary.definedKeys.union(report.summary.referencedKeys.keys) { numbers.insert(key.insuredNumber) }
        }
        return numbers.sorted().map(self.digest(insuredNumber:))
    }
}
