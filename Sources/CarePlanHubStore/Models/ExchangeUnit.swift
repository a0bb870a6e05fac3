// CarePlan Link — CarePlanHubStore

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
    /// 受信日時: when the recipient had downloaded every file (受信済).
    public var downloadedAt: Double?
    /// 取込日時: when the recipient's import reported the unit applied (取込済) or refused (取込不可).
    public var importReportedAt: Double?
    /// 取り下げ日時
    public var withdrawnAt: Double?
    /// 期限切れ日時
    public var expiredAt: Double?
    /// When the files were deleted (withdrawn; or by the retention job after being read or after expiry).
    public var filesPurgedAt: Double?
    /// Signed receipt given at acceptance (JSON).
    public var acceptanceReceipt: String
    /// The warnings of the validation at acceptance, JSON of `[Diagnostic]` (nil when there were none).
    public var warnings: String?
    /// 取込不可: the problems the recipient's import reported, JSON of `[ImportProblem]`, values redacted.
    public var importProblems: String?
    /// The withdrawn or expired unit whose ファイル連番 this unit took again (nil for a first send).
    public var previousUnitID: String?

    public init(
        id: String, senderOfficeID: Int64, recipientOfficeID: Int64, timestamp: String, pattern: String, state: UnitState, fingerprint: String,
        createdAt: Double, downloadedAt: Double? = nil, importReportedAt: Double? = nil, withdrawnAt: Double? = nil, expiredAt: Double? = nil,
        filesPurgedAt: Double? = nil, acceptanceReceipt: String, warnings: String? = nil, importProblems: String? = nil, previousUnitID: String? = nil
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
        self.importReportedAt = importReportedAt
        self.withdrawnAt = withdrawnAt
        self.expiredAt = expiredAt
        self.filesPurgedAt = filesPurgedAt
        self.acceptanceReceipt = acceptanceReceipt
        self.warnings = warnings
        self.importProblems = importProblems
        self.previousUnitID = previousUnitID
    }
}
