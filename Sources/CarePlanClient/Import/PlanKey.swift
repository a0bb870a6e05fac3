// CarePlan Link — CarePlanClient
import CarePlanCSV

/// The key a version of a plan is stored under: the family, who sent it to whom, the user and the key date.
/// Sender and recipient are part of the key because a care manager sends each provider its own copy, and each provider
/// sends its own 実績 for the same user and month (spec §6: one file per sending and receiving office).
public struct PlanKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var family: PlanFamily
    /// 送信元 事業所番号_種類
    public var sender: String
    /// 送信先 事業所番号_種類
    public var recipient: String
    /// 保険者番号
    public var insurerNumber: String
    /// 被保険者番号
    public var insuredNumber: String
    /// 作成(変更)日 (YYYYMMDD), 対象年月 (YYYYMM) or 相談日, by family.
    public var keyDate: String

    public init(family: PlanFamily, sender: String, recipient: String, insurerNumber: String, insuredNumber: String, keyDate: String) {
        self.family = family
        self.sender = sender
        self.recipient = recipient
        self.insurerNumber = insurerNumber
        self.insuredNumber = insuredNumber
        self.keyDate = keyDate
    }

    public var description: String {
        "\(self.family.japaneseName) \(self.insurerNumber)-\(self.insuredNumber) \(self.keyDate) (\(self.sender) → \(self.recipient))"
    }
}
