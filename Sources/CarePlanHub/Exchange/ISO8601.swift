// CarePlan Link — CarePlanHub
import Foundation

/// Times in receipts and API answers: ISO 8601 UTC with fractional seconds.
enum ISO8601 {
    /// A Sendable format style made once (creating a formatter per call cost about 10% of an upload).
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ seconds: Double) -> String { Self.style.format(Date(timeIntervalSince1970: seconds)) }

    /// Seconds since 1970 of a time written by ``string(_:)``.
    static func seconds(_ text: String) -> Double? { (try? Self.style.parse(text))?.timeIntervalSince1970 }
}
