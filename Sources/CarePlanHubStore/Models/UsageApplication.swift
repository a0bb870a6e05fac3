// CarePlan Link — CarePlanHubStore

/// 利用申請: an office asks to use the hub. The hub operator, or the municipality the office names, approves it (the
/// office and its first administrator account are created then) or declines it with a reason.
public struct UsageApplication: Codable, Sendable, Hashable {
    /// 申請の状態
    public enum State: String, Codable, Sendable, CaseIterable {
        /// 審査中
        case pending
        /// 承認済
        case approved
        /// 却下
        case rejected
    }

    public var id: Int64
    /// 事業所番号 (10 digits).
    public var officeNumber: String
    /// サービス種類コード (2 characters).
    public var serviceType: String
    /// 事業所名
    public var officeName: String
    /// 所在地
    public var address: String
    /// 市区町村コード (6 digits): the municipality the office belongs to, whose account may approve.
    public var municipalityCode: String
    /// 担当者名
    public var contactName: String
    /// 連絡先 (phone or e-mail of the person in charge).
    public var contact: String
    public var state: State
    public var submittedAt: Double
    /// 審査日時
    public var decidedAt: Double?
    /// Who decided (`account:ID`).
    public var decidedBy: String?
    /// 却下の理由, or the approver's note.
    public var decisionNote: String
    /// The office created on approval.
    public var officeID: Int64?

    public init(
        id: Int64 = 0, officeNumber: String, serviceType: String, officeName: String, address: String = "", municipalityCode: String,
        contactName: String, contact: String, state: State = .pending, submittedAt: Double, decidedAt: Double? = nil, decidedBy: String? = nil,
        decisionNote: String = "", officeID: Int64? = nil
    ) {
        self.id = id
        self.officeNumber = officeNumber
        self.serviceType = serviceType
        self.officeName = officeName
        self.address = address
        self.municipalityCode = municipalityCode
        self.contactName = contactName
        self.contact = contact
        self.state = state
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.decisionNote = decisionNote
        self.officeID = officeID
    }
}
