// CarePlan Link — CarePlanClient
public import CarePlanCSV

/// What went wrong talking to the hub.
public enum HubClientError: Error, CustomStringConvertible, Sendable {
    /// The hub answered with an error envelope.
    case rejected(status: Int, code: String, message: String, details: [Diagnostic])
    /// The hub could not be reached after every retry.
    case unreachable(attempts: Int, underlying: String)
    /// A downloaded file's bytes do not match the SHA-256 the hub listed.
    case integrity(file: String, expected: String, actual: String)
    /// The answer was not what the API documents.
    case unexpectedResponse(String)

    public var description: String {
        switch self {
        case .rejected(let status, let code, let message, let details):
            ([("ハブが拒否しました / the hub refused (\(status) \(code)): \(message)")] + details.prefix(50).map { "  \($0)" }).joined(separator: "\n")
        case .unreachable(let attempts, let underlying):
            "ハブに接続できません（\(attempts)回試行） / cannot reach the hub after \(attempts) attempts: \(underlying)"
        case .integrity(let file, let expected, let actual):
            "受信データが一致しません / \(file): SHA-256 \(actual) ≠ expected \(expected)"
        case .unexpectedResponse(let text):
            "ハブの応答が不正です / unexpected answer from the hub: \(text)"
        }
    }
}
