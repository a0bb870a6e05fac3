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
