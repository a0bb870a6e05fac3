// CarePlan Link — CarePlanExchange
public import CarePlanCSV

/// A send unit (送信単位) as the API shows it to its sender or recipient: the JSON of `GET /api/v1/units/{id}` and of
/// each listing row. The hub writes it and the client reads it, from this one declaration.
public struct UnitView: Codable, Sendable, Hashable {
    public var id: String
    /// 送信元 `事業所番号_種類`
    public var sender: String
    /// 送信先 `事業所番号_種類`
    public var recipient: String
    /// ファイル連番
    public var timestamp: String
    /// The spec's combination, e.g. 「居宅② 第6・7表＋補足」.
    public var pattern: String
    /// accepted / downloaded / imported / importRefused / withdrawn / expired
    public var state: String
    /// 受付済 / 受信済 / 取込済 / 取込不可 / 取り下げ / 期限切れ
    public var stateLabel: String
    /// ISO 8601 UTC.
    public var createdAt: String
    /// When the recipient had downloaded every file (受信済).
    public var downloadedAt: String?
    /// When the recipient's import reported the unit applied (取込済) or refused (取込不可).
    public var importReportedAt: String?
    public var withdrawnAt: String?
    public var expiredAt: String?
    /// While the unit is accepted and not completely downloaded: when it expires.
    public var expiresAt: String?
    /// When the hub deleted the unit's files (nil while they can be downloaded).
    public var filesPurgedAt: String?
    /// The withdrawn or expired unit whose ファイル連番 this unit took again.
    public var previousUnitID: String?
    /// The validation's warnings at acceptance (the unit was accepted with them).
    public var warnings: [Diagnostic]?
    /// 取込不可: what the recipient's import reported, values redacted.
    public var importProblems: [ImportProblem]?
    public var files: [File]
    /// 送信元 in words: 「事業所名（サービス種類名・事業所番号）」.
    public var senderName: String?
    /// 送信先 in words.
    public var recipientName: String?
    /// What the unit is, in plain Japanese (e.g. 「2025年6月分 サービス利用票・別表」).
    public var label: String?

    /// One file of the unit.
    public struct File: Codable, Sendable, Hashable {
        public var name: String
        /// File-name prefix (e.g. `UPPLAN`).
        public var kind: String
        /// SHA-256 (hex) of the bytes as uploaded.
        public var sha256: String
        public var size: Int
        /// When the recipient first downloaded the file.
        public var downloadedAt: String?

        public init(name: String, kind: String, sha256: String, size: Int, downloadedAt: String? = nil) {
            self.name = name
            self.kind = kind
            self.sha256 = sha256
            self.size = size
            self.downloadedAt = downloadedAt
        }
    }

    public init(
        id: String, sender: String, recipient: String, timestamp: String, pattern: String, state: String, stateLabel: String, createdAt: String,
        downloadedAt: String? = nil, importReportedAt: String? = nil, withdrawnAt: String? = nil, expiredAt: String? = nil, expiresAt: String? = nil,
        filesPurgedAt: String? = nil, previousUnitID: String? = nil, warnings: [Diagnostic]? = nil, importProblems: [ImportProblem]? = nil,
        files: [File], senderName: String? = nil, recipientName: String? = nil, label: String? = nil
    ) {
        self.id = id
        self.sender = sender
        self.recipient = recipient
        self.timestamp = timestamp
        self.pattern = pattern
        self.state = state
        self.stateLabel = stateLabel
        self.createdAt = createdAt
        self.downloadedAt = downloadedAt
        self.importReportedAt = importReportedAt
        self.withdrawnAt = withdrawnAt
        self.expiredAt = expiredAt
        self.expiresAt = expiresAt
        self.filesPurgedAt = filesPurgedAt
        self.previousUnitID = previousUnitID
        self.warnings = warnings
        self.importProblems = importProblems
        self.files = files
        self.senderName = senderName
        self.recipientName = recipientName
        self.label = label
    }
}
