// CarePlan Link — CarePlanCSV

/// 日割対象日: 31 characters, character n is day n of the month, `1` = the day is billed per day (日割), `0` = not.
public struct DayMask: Hashable, Sendable, CustomStringConvertible {
    /// Bit n-1 set = day n is a 日割 day.
    public let bits: UInt32

    public init(bits: UInt32) { self.bits = bits & 0x7FFF_FFFF }

    /// Creates a mask from day numbers (1…31).
    public init(days: some Sequence<Int>) {
        var bits: UInt32 = 0
        for day in days where (1...31).contains(day) { bits |= 1 << UInt32(day - 1) }
        self.bits = bits
    }

    /// Parses exactly 31 characters of `0`/`1`.
    public init?(digits bytes: some Collection<UInt8>) {
        guard bytes.count == 31 else { return nil }
        var bits: UInt32 = 0
        var index: UInt32 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "1"): bits |= 1 << index
            case UInt8(ascii: "0"): break
            default: return nil
            }
            index += 1
        }
        self.bits = bits
    }

    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    /// The day numbers marked `1`.
    public var days: [Int] { (1...31).filter { self.contains(day: $0) } }

    public func contains(day: Int) -> Bool { (1...31).contains(day) && self.bits & (1 << UInt32(day - 1)) != 0 }

    /// The highest day marked, or nil when none is.
    public var lastDay: Int? { self.bits == 0 ? nil : 32 - self.bits.leadingZeroBitCount }

    public var description: String { String((1...31).map { self.contains(day: $0) ? "1" : "0" }) }
}

extension DayMask: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let mask = DayMask(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a 31-character 0/1 mask: \(text)"))
        }
        self = mask
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

/// A non-negative amount with exactly two decimals, written `99.99` (単位数単価, e.g. `10.00`, `11.40`).
public struct UnitPrice: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in hundredths (`11.40` = 1140).
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    /// Parses `D.DD` or `DD.DD` ASCII text.
    public init?(digits bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        guard array.count == 4 || array.count == 5, array[array.count - 3] == UInt8(ascii: "."),
            let whole = ASCIIDigits.value(array[..<(array.count - 3)]),
            let fraction = ASCIIDigits.value(array[(array.count - 2)...])
        else { return nil }
        self.hundredths = whole * 100 + fraction
    }

    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    public var description: String { String(self.hundredths / 100) + "." + ASCIIDigits.padded(self.hundredths % 100, width: 2) }

    public static func < (lhs: UnitPrice, rhs: UnitPrice) -> Bool { lhs.hundredths < rhs.hundredths }
}

extension UnitPrice: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let price = UnitPrice(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a 99.99 amount: \(text)"))
        }
        self = price
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
