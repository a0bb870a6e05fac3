// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation
import Hummingbird

/// The audit page's filters as typed in its form: each empty field matches everything; dates are Japan days, `to`
/// inclusive.
struct AuditQuery: Sendable {
    var search = AuditSearch()
    /// The fields as typed, for the form.
    var action = ""
    var office = ""
    var actor = ""
    var subject = ""
    var from = ""
    var to = ""
    /// The page after this sequence (exclusive), newest first.
    var before: Int64?

    /// - Throws: ``ExchangeError`` for a date that is not one.
    init(_ parameters: Parameters) throws {
        func field(_ name: String) -> String {
            String((parameters.get(name) ?? "").precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces).prefix(200))
        }
        // The subject is matched as typed (a token's label may be full-width); codes and dates are normalised.
        let subject = String((parameters.get("subject") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        (self.action, self.office, self.actor, self.subject, self.from, self.to) = (field("action"), field("office"), field("actor"), subject, field("from"), field("to"))
        self.search.action = self.action.isEmpty ? nil : self.action
        self.search.office = self.office.isEmpty ? nil : self.office
        self.search.actor = self.actor.isEmpty ? nil : self.actor
        self.search.subject = self.subject.isEmpty ? nil : self.subject
        for (text, isEnd) in [(self.from, false), (self.to, true)] where !text.isEmpty {
            guard let start = JapanDate.start(text) else {
                throw ExchangeError(.malformed, "audit.date", "日付は 2026-12-01 の形で入力してください / give dates as 2026-12-01")
            }
            if isEnd { self.search.to = start + 86_400 } else { self.search.from = start }
        }
        self.before = parameters.get("before").flatMap { Int64($0) }
    }

    /// The query string of these filters (without `before`), for the next page's link.
    var queryString: String {
        let pairs = [("action", self.action), ("office", self.office), ("actor", self.actor), ("subject", self.subject), ("from", self.from), ("to", self.to)]
        return pairs.filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? "")" }
            .joined(separator: "&")
    }
}
