// CarePlan Link — CarePlanHub
import CarePlanCSV

/// Where a send unit is in its life.
public enum UnitState: String, Codable, Sendable, CaseIterable {
    /// 受付済: accepted by the hub, not yet downloaded.
    case accepted
    /// 受信済: the recipient downloaded at least one file.
    case downloaded
    /// 取込済: the recipient acknowledged that it stored the files.
    case acknowledged
    /// 期限切れ: not downloaded within the retention period; files deleted.
    case expired

    /// The Japanese label shown to users.
    public var japanese: String {
        switch self {
        case .accepted: "受付済"
        case .downloaded: "受信済"
        case .acknowledged: "取込済"
        case .expired: "期限切れ"
        }
    }
}

/// A send unit (送信単位) stored at the hub.
public struct ExchangeUnit: Codable, Sendable, Hashable {
    /// Opaque identifier (UUID).
    public var id: String
    public var senderOfficeID: Int64
    public var recipientOfficeID: Int64
    /// ファイル連番 shared by the files.
    public var timestamp: String
    /// The spec's combination, e.g. 「居宅② 第6・7表＋補足」.
    public var pattern: String
    public var state: UnitState
    /// SHA-256 over sender, recipient, and the sorted file names and digests: an identical re-upload has the same one.
    public var fingerprint: String
    public var createdAt: Double
    public var downloadedAt: Double?
    public var acknowledgedAt: Double?
    /// When the files were deleted by the retention job (unit expired, or purged after being read).
    public var filesPurgedAt: Double?
    /// Signed receipt given at acceptance (JSON).
    public var acceptanceReceipt: String
    /// Signed receipt given at acknowledgement (JSON).
    public var acknowledgementReceipt: String?

    public init(
        id: String, senderOfficeID: Int64, recipientOfficeID: Int64, timestamp: String, pattern: String, state: UnitState, fingerprint: String,
        createdAt: Double, downloadedAt: Double? = nil, acknowledgedAt: Double? = nil, filesPurgedAt: Double? = nil, acceptanceReceipt: String,
        acknowledgementReceipt: String? = nil
    ) {
        self.id = id
        self.senderOfficeID = senderOfficeID
        self.recipientOfficeID = recipientOfficeID
        self.timestamp = timestamp
        self.pattern = pattern
        self.state = state
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.downloadedAt = downloadedAt
        self.acknowledgedAt = acknowledgedAt
        self.filesPurgedAt = filesPurgedAt
        self.acceptanceReceipt = acceptanceReceipt
        self.acknowledgementReceipt = acknowledgementReceipt
    }
}

/// One file of a stored unit. The body is stored separately, encrypted, addressed by `sha256`.
public struct UnitFile: Codable, Sendable, Hashable {
    public var unitID: String
    public var name: String
    /// SHA-256 (hex) of the bytes as uploaded.
    public var sha256: String
    public var size: Int
    /// File-name prefix (e.g. `UPPLAN`).
    public var kind: String

    public init(unitID: String, name: String, sha256: String, size: Int, kind: String) {
        self.unitID = unitID
        self.name = name
        self.sha256 = sha256
        self.size = size
        self.kind = kind
    }
}

/// One entry of the append-only, hash-chained audit log.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// 1, 2, 3, … without gaps.
    public var sequence: Int64
    public var time: Double
    /// Who acted: `account:<id>`, `token:<id>`, `system`, or `cli`.
    public var actor: String
    /// The acting office's 事業所番号_種類, if any.
    public var office: String?
    /// `login`, `login.failed`, `upload`, `download`, `ack`, `admin.*`, `expire`, `purge`, …
    public var action: String
    /// What was acted on (unit id, account name, …); never care data.
    public var subject: String
    /// SHA-256 (hex) of the previous entry, `0…0` for the first.
    public var previousHash: String
    /// SHA-256 (hex) over this entry's fields and `previousHash`.
    public var hash: String

    public init(sequence: Int64, time: Double, actor: String, office: String?, action: String, subject: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.office = office
        self.action = action
        self.subject = subject
        self.previousHash = previousHash
        self.hash = hash
    }
}
