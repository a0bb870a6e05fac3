// CarePlan Link — CarePlanForms
import CarePlanCSV

/// Dates as the forms print them: in the Japanese era (和暦) with the Western year beside it, because birth dates of
/// the people in care are read in 昭和 and 大正 years and plans in 令和 years.
enum JapaneseCalendar {
    /// (era, first day) from the newest.
    private static let eras: [(name: String, start: CalendarDate)] = [
        ("令和", CalendarDate(year: 2019, month: 5, day: 1)!),
        ("平成", CalendarDate(year: 1989, month: 1, day: 8)!),
        ("昭和", CalendarDate(year: 1926, month: 12, day: 25)!),
        ("大正", CalendarDate(year: 1912, month: 7, day: 30)!),
        ("明治", CalendarDate(year: 1868, month: 1, day: 25)!),
    ]

    /// `令和7年4月20日`; empty for nil.
    static func date(_ date: CalendarDate?) -> String {
        guard let date else { return "" }
        return "\(Self.eraYear(of: date))\(date.month)月\(date.day)日"
    }

    /// `令和7年5月`.
    static func month(_ month: YearMonth) -> String {
        let first = CalendarDate(year: month.year, month: month.month, day: 1)!
        return "\(Self.eraYear(of: first))\(month.month)月"
    }

    /// `令和7年` (`令和元年` for the first year).
    static func eraYear(of date: CalendarDate) -> String {
        guard let era = Self.eras.first(where: { date >= $0.start }) else { return "\(date.year)年" }
        let year = date.year - era.start.year + 1
        return year == 1 ? "\(era.name)元年" : "\(era.name)\(year)年"
    }

    /// 月 … 日 for ISO weekdays 1 … 7.
    static let weekdayNames = ["月", "火", "水", "木", "金", "土", "日"]

    static func weekdayName(_ date: CalendarDate) -> String { Self.weekdayNames[date.isoWeekday - 1] }

    /// `10:00`.
    static func time(_ time: ClockTime?) -> String {
        guard let time else { return "" }
        return "\(time.hour):\(time.minute < 10 ? "0" : "")\(time.minute)"
    }
}
