// CarePlan Link — CarePlanForms
public import CarePlanCSV

/// One person in care, as the forms name them: the key every file shares (保険者番号 + 被保険者番号) and what the
/// files say about them (利用者補足情報, 利用者基本情報 or the 介護予防 plan).
public struct FormUser: Sendable, Hashable, Comparable {
    /// 保険者番号
    public var insurerNumber: String
    /// 被保険者番号
    public var insuredNumber: String
    /// 利用者氏名 (nil when no file of the set carries it)
    public var name: String?
    /// 利用者氏名フリガナ
    public var nameKana: String?
    /// 利用者生年月日
    public var birthDate: CalendarDate?
    /// 利用者性別 (code: 1 男性, 2 女性)
    public var gender: String?

    public init(insurerNumber: String, insuredNumber: String) {
        self.insurerNumber = insurerNumber
        self.insuredNumber = insuredNumber
    }

    /// `保険者番号-被保険者番号`, the anchor and file name of the user's pages.
    public var key: String { "\(self.insurerNumber)-\(self.insuredNumber)" }

    /// The name, or the insured number where no file names the person.
    public var displayName: String { self.name ?? "被保険者番号 \(self.insuredNumber)" }

    public static func < (lhs: FormUser, rhs: FormUser) -> Bool {
        (lhs.insurerNumber, lhs.insuredNumber) < (rhs.insurerNumber, rhs.insuredNumber)
    }

    public static func == (lhs: FormUser, rhs: FormUser) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.key) }
}
