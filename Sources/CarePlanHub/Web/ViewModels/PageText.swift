// CarePlan Link — CarePlanHub
import Foundation

/// Text in the page's language (``PageLanguage/current``). The hub's messages are written `日本語 / English` for
/// machines and vendors (the API's error envelope); a page shows one language, so it takes one side.
enum PageText {
    /// `japanese` or `english`, by the page's language.
    static func pick(_ japanese: String, _ english: String) -> String {
        PageLanguage.current == .english ? english : japanese
    }

    /// The page language's side of `日本語 / English` (the whole text when it has no English side).
    static func side(_ message: String) -> String {
        guard let separator = message.range(of: " / ") else { return message }
        return PageLanguage.current == .english ? String(message[separator.upperBound...]) : String(message[..<separator.lowerBound])
    }
}
