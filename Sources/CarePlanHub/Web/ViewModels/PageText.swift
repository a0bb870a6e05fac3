// CarePlan Link — CarePlanHub
import Foundation

/// The hub's messages are written `日本語 / English` for machines and vendors (the API's error envelope); a page shows
/// one language, so it takes one side.
enum PageText {
    /// The Japanese side of `日本語 / English` (the whole text when it has no English side).
    static func japanese(_ message: String) -> String {
        guard let separator = message.range(of: " / ") else { return message }
        return String(message[..<separator.lowerBound])
    }
}
