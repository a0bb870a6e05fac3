// CarePlan Link — CarePlanCSV

/// サービス種類コード with its name and whether it is exchanged (連携対象).
public struct ServiceType: Sendable, Hashable {
    /// Which benefit the service type belongs to.
    public enum Category: String, Sendable, Hashable {
        /// 介護給付
        case careBenefit
        /// 予防給付
        case preventionBenefit
        /// 総合事業 (介護予防・日常生活支援総合事業)
        case comprehensiveProgram
        /// 居宅介護支援 / 介護予防支援 / 介護予防ケアマネジメント: the plan-making side, seen as the sender in file names.
        case careManagement
    }

    /// The 2-character code, e.g. `11`, `2A`, `A2`.
    public let code: String
    /// 名称
    public let name: String
    public let category: Category
    /// 連携対象: rows of this type are exchanged (対象外 types must not appear in the files).
    public let isExchanged: Bool

    /// Every known service type: the spec's scope table plus the care-management codes used in file names.
    public static let all: [ServiceType] =
        ServiceType.scopeTable + [
            // 46 and AF are the 介護予防支援 / 介護予防ケアマネジメント codes of the national service-type table; the
            // digest only lists 43, but 予防 plans are sent by 地域包括支援センター under these (docs/INTERPRETATIONS.md).
            ServiceType(code: "46", name: "介護予防支援", category: .careManagement, isExchanged: false),
            ServiceType(code: "AF", name: "介護予防ケアマネジメント", category: .careManagement, isExchanged: false),
        ]

    private static let byCode: [String: ServiceType] = Dictionary(ServiceType.all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The service type with `code`, or nil.
    public static func named(_ code: String) -> ServiceType? { Self.byCode[code] }

    /// Looks up a 2-byte code without building a String.
    static func named(bytes: UnsafeBufferPointer<UInt8>) -> ServiceType? {
        guard bytes.count == 2 else { return nil }
        let first = bytes[0]
        let second = bytes[1]
        return Self.all.first { code in
            var utf8 = code.code.utf8.makeIterator()
            return utf8.next() == first && utf8.next() == second
        }
    }
}
