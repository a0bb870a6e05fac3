// CarePlan Link — CarePlanHub
import Foundation

/// Times as offices read them: Japan time, `2025/05/25 18:00:03`.
enum JapanTime {
    static func string(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)/\(two(parts.month))/\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// The Japan date of `seconds` as `2026-05-01` (what spreadsheets read as a date).
    static func date(_ seconds: Double) -> String {
        String(Self.string(seconds).prefix(10)).replacingOccurrences(of: "/", with: "-")
    }
}
