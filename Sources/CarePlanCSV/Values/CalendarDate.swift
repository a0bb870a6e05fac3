// CarePlan Link — CarePlanCSV

/// A real calendar date written `YYYYMMDD` (年月日).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil when it is not a real calendar date (e.g. 20230230).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Int.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly eight ASCII digits `YYYYMMDD`.
    public init?(digits bytes: some Collection<UInt8>) {
        guard bytes.count == 8, let value = ASCIIDigits.value(bytes) else { return nil }
        self.init(year: value / 10000, month: value / 100 % 100, day: value % 100)
    }

    /// Parses `YYYYMMDD` text.
    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    /// The `YYYYMMDD` form.
    public var description: String {
        ASCIIDigits.padded(self.year, width: 4) + ASCIIDigits.padded(self.month, width: 2) + ASCIIDigits.padded(self.day, width: 2)
    }

    /// The month this date falls in.
    public var yearMonth: YearMonth { YearMonth(year: self.year, month: self.month)! }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYYMMDD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

/// A month written `YYYYMM` (年月), e.g. 対象年月.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly six ASCII digits `YYYYMM`.
    public init?(digits bytes: some Collection<UInt8>) {
        guard bytes.count == 6, let value = ASCIIDigits.value(bytes) else { return nil }
        self.init(year: value / 100, month: value % 100)
    }

    public init?(_ text: String) { self.init(digits: Array(text.utf8)) }

    /// Number of days in this month (28…31).
    public var dayCount: Int { Int.daysIn(month: self.month, year: self.year) }

    public var description: String { ASCIIDigits.padded(self.year, width: 4) + ASCIIDigits.padded(self.month, width: 2) }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

extension YearMonth: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = YearMonth(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYYMM month: \(text)"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
