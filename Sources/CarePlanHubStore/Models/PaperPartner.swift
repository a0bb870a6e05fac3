// CarePlan Link — CarePlanHubStore

/// A partner not on the network (ネットワーク外の連携先), recorded by one office: its plans go on paper (FAX, post or by
/// hand) and the office records each delivery, so that the month shows one list whatever the channel.
public struct PaperPartner: Codable, Sendable, Hashable {
    public var id: Int64
    /// The office that records it.
    public var officeID: Int64
    /// 事業所番号
    public var number: String
    /// サービス種類コード
    public var serviceType: String
    /// 事業所名
    public var name: String
    /// FAX番号
    public var fax: String
    /// 所在地
    public var address: String
    public var createdAt: Double
    /// When the office removed it (its deliveries are kept).
    public var removedAt: Double?

    public init(
        id: Int64 = 0, officeID: Int64, number: String, serviceType: String, name: String, fax: String = "", address: String = "", createdAt: Double,
        removedAt: Double? = nil
    ) {
        self.id = id
        self.officeID = officeID
        self.number = number
        self.serviceType = serviceType
        self.name = name
        self.fax = fax
        self.address = address
        self.createdAt = createdAt
        self.removedAt = removedAt
    }
}

/// One delivery on paper: which month's plan went to which paper partner, how, when and by whom.
public struct PaperDelivery: Codable, Sendable, Hashable {
    /// 送付方法
    public enum Method: String, Codable, Sendable, CaseIterable {
        /// FAX送信済
        case fax
        /// 郵送済
        case mail
        /// 手渡し
        case hand
    }

    public var id: Int64
    public var officeID: Int64
    public var paperPartnerID: Int64
    /// 対象年月 YYYYMM
    public var month: String
    public var method: Method
    /// Seconds since 1970.
    public var at: Double
    /// Who recorded it (login name).
    public var actor: String
    /// The users it held: JSON encrypted by the hub (they are care data, like the files).
    public var sealedUsers: String

    public init(
        id: Int64 = 0, officeID: Int64, paperPartnerID: Int64, month: String, method: Method, at: Double, actor: String, sealedUsers: String
    ) {
        self.id = id
        self.officeID = officeID
        self.paperPartnerID = paperPartnerID
        self.month = month
        self.method = method
        self.at = at
        self.actor = actor
        self.sealedUsers = sealedUsers
    }
}
