// CarePlan Link — CarePlanCSV

/// A time of day written `HHMM` (時刻), 0000…2359.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses exactly four ASCII digits `HHMM`.
    public init?(digits bytes: some Collection<UInt8>) {
        guard bytes.count == 4, let value = ASCIIDigits.value(bytes) else { return nil }
        self.init(hour: value / 100, minute: value % 100)
    }

    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    /// Minutes since midnight.
    public var minutes: Int { self.hour * 60 + self.minute }

    public var description: String { ASCIIDigits.padded(self.hour, width: 2) + ASCIIDigits.padded(self.minute, width: 2) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// サービス開始/終了時刻 of 第6表 and 実績: a time, or `9999` for a service that has no time (時間表示のないサービス).
public enum ServiceTime: Hashable, Sendable, CustomStringConvertible {
    case at(ClockTime)
    /// `9999`
    case untimed

    public init?(digits bytes: some Collection<UInt8>) {
        if bytes.elementsEqual("9999".utf8) {
            self = .untimed
        } else if let time = ClockTime(digits: bytes) {
            self = .at(time)
        } else {
            return nil
        }
    }

    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    public var description: String {
        switch self {
        case .at(let time): time.description
        case .untimed: "9999"
        }
    }
}

extension ClockTime: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an HHMM time: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

extension ServiceTime: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ServiceTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not HHMM or 9999: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
