// CarePlan Link — CarePlanClient
public import CarePlanCSV
import Foundation

/// A send unit as the hub lists it (the hub's `UnitView`).
public struct RemoteUnit: Codable, Sendable, Hashable {
    public let id: String
    /// 送信元 `事業所番号_種類`
    public let sender: String
    /// 送信先 `事業所番号_種類`
    public let recipient: String
    /// ファイル連番
    public let timestamp: String
    public let pattern: String
    /// accepted / downloaded / acknowledged / expired
    public let state: String
    /// 受付済 / 受信済 / 取込済 / 期限切れ
    public let stateLabel: String
    public let createdAt: String
    /// When the hub deleted the unit's files after its retention period (nil while they can be downloaded).
    public let filesPurgedAt: String?
    public let files: [File]

    public struct File: Codable, Sendable, Hashable {
        public let name: String
        public let kind: String
        public let sha256: String
        public let size: Int
    }
}

/// A page of an inbox or outbox listing.
public struct RemoteUnitPage: Codable, Sendable {
    public let units: [RemoteUnit]
    public let nextCursor: String?
}

/// The hub's answer to an upload: the unit and its signed acceptance receipt (kept verbatim as JSON).
public struct SendResult: Sendable {
    public let unit: RemoteUnit
    /// The signed receipt JSON exactly as the hub sent it (verify with `careplan receipt verify`).
    public let receiptJSON: String
    /// false when the hub already had the identical unit (it returned the original receipt).
    public let created: Bool
}

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

struct ErrorEnvelope: Decodable {
    struct Body: Decodable {
        let code: String
        let message: String
        let details: [Diagnostic]?
    }
    let error: Body
}
