// CarePlan Link — CarePlanHub
import Foundation

/// 年度: a Japanese fiscal year, April to March, in Japan time (UTC+9, no daylight saving). 2026年度 is 2026-04-01
/// 00:00 JST to 2027-04-01 00:00 JST.
struct FiscalYear: Sendable, Hashable, Comparable {
    /// The calendar year in which it starts (2026 for 2026年度).
    let year: Int

    private static let japan = 9 * 3600.0

    init(_ year: Int) { self.year = year }

    /// The fiscal year holding `time` (seconds since 1970).
    init(containing time: Double) {
        let (year, month) = Self.yearMonth(time)
        self.year = month >= 4 ? year : year - 1
    }

    /// Seconds since 1970 of its first instant.
    var start: Double { Self.time(year: self.year, month: 4) }
    /// Seconds since 1970 of the next year's first instant.
    var end: Double { Self.time(year: self.year + 1, month: 4) }

    /// Its twelve months, April first, as YYYYMM.
    var months: [String] {
        (0..<12).map { index in
            let month = 4 + index
            return month <= 12 ? String(format: "%04d%02d", self.year, month) : String(format: "%04d%02d", self.year + 1, month - 12)
        }
    }

    /// 「2026年度」
    var japanese: String { "\(self.year)年度" }
    /// "FY2026"
    var english: String { "FY\(self.year)" }

    static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.year < rhs.year }

    /// YYYYMM in Japan time of `time`.
    static func month(of time: Double) -> String {
        let (year, month) = Self.yearMonth(time)
        return String(format: "%04d%02d", year, month)
    }

    private static func yearMonth(_ time: Double) -> (Int, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: time + Self.japan))
        return (parts.year!, parts.month!)
    }

    private static func time(year: Int, month: Int) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        return date.timeIntervalSince1970 - Self.japan
    }
}
