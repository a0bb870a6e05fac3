// CarePlan Link — CarePlanExchange
public import CarePlanCSV

/// Every refusal's JSON: `{"error": {"code", "message", "details"}}`, a stable machine-readable code and a message in
/// Japanese and English. `details` are the located problems of a refused unit, redacted (values never echoed).
public struct ErrorEnvelope: Codable, Sendable {
    public struct Body: Codable, Sendable {
        /// e.g. `unit.invalid`, `auth.required`.
        public var code: String
        /// `日本語 / English`
        public var message: String
        public var details: [Diagnostic]?

        public init(code: String, message: String, details: [Diagnostic]?) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    public var error: Body

    public init(error: Body) { self.error = error }
}
