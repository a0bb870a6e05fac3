// CarePlan Link — CarePlanExchange

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
    /// accepted / downloaded / acknowledged / expired
    public var state: String
    /// 受付済 / 受信済 / 取込済 / 期限切れ
    public var stateLabel: String
    /// ISO 8601 UTC.
    public var createdAt: String
    public var downloadedAt: String?
    public var acknowledgedAt: String?
    /// When the hub deleted the unit's files after its retention period (nil while they can be downloaded).
    public var filesPurgedAt: String?
    public var files: [File]

    /// One file of the unit.
    public struct File: Codable, Sendable, Hashable {
        public var name: String
        /// File-name prefix (e.g. `UPPLAN`).
        public var kind: String
        /// SHA-256 (hex) of the bytes as uploaded.
        public var sha256: String
        public var size: Int

        public init(name: String, kind: String, sha256: String, size: Int) {
            self.name = name
            self.kind = kind
            self.sha256 = sha256
            self.size = size
        }
    }

    public init(
        id: String, sender: String, recipient: String, timestamp: String, pattern: String, state: String, stateLabel: String, createdAt: String,
        downloadedAt: String?, acknowledgedAt: String?, filesPurgedAt: String?, files: [File]
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
        self.acknowledgedAt = acknowledgedAt
        self.filesPurgedAt = filesPurgedAt
        self.files = files
    }
}
