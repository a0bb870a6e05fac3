// CarePlan Link — CarePlanExchange

/// What a receipt states.
public struct ReceiptPayload: Codable, Sendable, Hashable {
    /// `accepted` (受付), `received` (受信: every file downloaded), `imported` (取込), `importRefused` (取込不可),
    /// `withdrawn` (取り下げ) or `expired` (期限切れ); `acknowledged` in receipts issued before 受信 and 取込 were
    /// told apart.
    public var event: String
    public var unitID: String
    /// 送信元 `事業所番号_種類`
    public var sender: String
    /// 送信先 `事業所番号_種類`
    public var recipient: String
    /// ファイル連番
    public var timestamp: String
    public var files: [File]
    /// ISO 8601 UTC time of the event.
    public var time: String
    /// The audit log's head when the receipt was signed: the sequence number and hash of the entry recording this
    /// event. Whoever holds the receipt can later prove that the log was not cut or rewritten before that point
    /// (`careplan audit verify --evidence`). Absent in receipts issued before the hub recorded it.
    public var auditSequence: Int64?
    public var auditHash: String?
    /// Who caused the event: the office (`事業所番号_種類`) and the account's login name; `hub` for the hub's own
    /// (expiry). Absent in receipts issued before the hub recorded it.
    public var office: String?
    public var account: String?
    /// 取込不可: the problems the recipient's import reported, values redacted.
    public var problems: [ImportProblem]?

    public struct File: Codable, Sendable, Hashable {
        public var name: String
        public var sha256: String
        public var size: Int

        public init(name: String, sha256: String, size: Int) {
            self.name = name
            self.sha256 = sha256
            self.size = size
        }
    }

    public init(
        event: String, unitID: String, sender: String, recipient: String, timestamp: String, files: [File], time: String, audit: AuditPosition? = nil,
        office: String? = nil, account: String? = nil, problems: [ImportProblem]? = nil
    ) {
        self.event = event
        self.unitID = unitID
        self.sender = sender
        self.recipient = recipient
        self.timestamp = timestamp
        self.files = files
        self.time = time
        self.auditSequence = audit?.sequence
        self.auditHash = audit?.hash
        self.office = office
        self.account = account
        self.problems = problems
    }

    /// Where the receipt places itself in the audit chain, if it says.
    public var auditPosition: AuditPosition? {
        guard let sequence = self.auditSequence, let hash = self.auditHash else { return nil }
        return AuditPosition(sequence: sequence, hash: hash)
    }
}
