// CarePlan Link — CarePlanHubStore

/// メール通知: one thing an office is told by e-mail about one unit, sent at most once (the store's unique key is kind,
/// unit and office). The mail names the partner, the kind and the month, never a user.
public struct MailNotification: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// 新着: a unit arrived (to its recipient).
        case arrival
        /// 取込不可: the recipient's import refused a unit (to its sender).
        case importRefused
        /// 期限間近: a unit nobody downloaded expires soon (to its sender).
        case expiring
    }

    public var id: Int64
    public var kind: Kind
    /// The office told.
    public var officeID: Int64
    public var unitID: String
    public var createdAt: Double
    /// Attempts so far (a claim counts as one).
    public var attempts: Int
    /// When the next attempt is due; nil once sent or given up.
    public var nextAttemptAt: Double?
    public var sentAt: Double?
    /// Why the last attempt failed (the SMTP server's words; never the message).
    public var lastError: String?

    public init(
        id: Int64 = 0, kind: Kind, officeID: Int64, unitID: String, createdAt: Double, attempts: Int = 0, nextAttemptAt: Double?, sentAt: Double? = nil,
        lastError: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.officeID = officeID
        self.unitID = unitID
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}

/// A claimed notification with what its mail needs: the address and the unit with both offices.
public struct ClaimedNotification: Sendable {
    public var notification: MailNotification
    /// 通知先メールアドレス
    public var address: String
    public var unit: ListedUnit

    public init(notification: MailNotification, address: String, unit: ListedUnit) {
        self.notification = notification
        self.address = address
        self.unit = unit
    }
}

/// How one claimed notification ended: sent (`error` nil), or failed with `error` and due again at `retryAt` (nil:
/// given up).
public struct NotificationOutcome: Sendable, Hashable {
    public var id: Int64
    public var error: String?
    public var retryAt: Double?

    public init(id: Int64, error: String? = nil, retryAt: Double? = nil) {
        self.id = id
        self.error = error
        self.retryAt = retryAt
    }
}
