// CarePlan Link — CarePlanExchange
public import CarePlanCSV

/// Every refusal's JSON: `{"error": {"code", "message", "details"}}`, a stable machine-readable code and a message in
/// Japanese and English. `details` are the located problems of a refused unit, redacted (values never echoed);
/// `groups` the same problems grouped by cause (rule and item per file) with counts and the first rows.
public struct ErrorEnvelope: Codable, Sendable {
    public struct Body: Codable, Sendable {
        /// e.g. `unit.invalid`, `auth.required`.
        public var code: String
        /// `日本語 / English`
        public var message: String
        public var details: [Diagnostic]?
        public var groups: [DiagnosticGroup]?

        /// `details` as given (the caller redacts them); `groups` made from them.
        public init(code: String, message: String, details: [Diagnostic]?) {
            self.code = code
            self.message = message
            self.details = details
            self.groups = details.map(DiagnosticGroup.group)
        }
    }

    public var error: Body

    public init(error: Body) { self.error = error }
}
