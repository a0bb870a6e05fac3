// CarePlan Link — CarePlanExchange

/// Why a receipt does not verify.
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
