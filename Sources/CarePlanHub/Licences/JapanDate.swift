// CarePlan Link — CarePlanHub
public import CarePlanCSV
import Foundation

/// Dates as people type them for usage periods: a Japan calendar day.
public enum JapanDate {
    /// The first instant (00:00 Japan time) of `2026-12-01`, `2026/12/01` or the same in full-width digits, in seconds
    /// since 1970; nil for anything else, or a day that does not exist.
    public static func start(_ text: String) -> Double? {
        let parts = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            .split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "/", omittingEmptySubsequences: false) }
            .map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))?.timeIntervalSince1970
    }
}
