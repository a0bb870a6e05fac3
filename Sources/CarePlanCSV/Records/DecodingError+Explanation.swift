// CarePlan Link — CarePlanCSV

extension DecodingError {
    /// What is wrong and where, in one line, for someone editing a ``CarePlanDocument`` by hand: the key path
    /// (`records.0.serviceMonth`) instead of the coding-path dump of the error's own description.
    public var explanation: String {
        switch self {
        case .keyNotFound(let key, let context):
            "missing key \"\(key.stringValue)\" at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default:
            "\(self)"
        }
    }
}
