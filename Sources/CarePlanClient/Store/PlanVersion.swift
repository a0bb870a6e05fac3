// CarePlan Link — CarePlanClient
public import CarePlanCSV
import Foundation
import GRDB

/// One applied version of a plan: what a unit set for one ``PlanKey``. Every version is kept; the latest applied one
/// is current. A deletion is a version too (with no documents), so that an older unit arriving later cannot bring the
/// deleted plan back.
public struct PlanVersion: Sendable, Identifiable {
    public var id: Int64
    public var key: PlanKey
    /// ファイル連番 of the unit that set this version.
    public var timestamp: String
    public var action: Action
    public var isCurrent: Bool
    /// The key's rows, one document per file of the unit (file name kept).
    public var documents: [CarePlanDocument]
    /// Images that travelled with the version (利用者基本情報 家族構成画像): file name → bytes.
    public var attachments: [String: [UInt8]]
    public var importedAt: Double

    public enum Action: String, Codable, Sendable {
        /// 更新: the unit carried the whole family.
        case replace
        /// 削除: the family was deleted.
        case delete
        /// 実績削除 of some providers' service types; the rest stays.
        case partialDelete
    }

    /// The user's name from 利用者補足情報, when the version carries it.
    public var userName: String? {
        for document in self.documents {
            for record in document.records {
                if let row = record as? SupplementaryUserInfoRecord { return row.userName }
            }
        }
        return nil
    }

    /// All records of one type across the version's documents.
    public func records<Record: CarePlanRecord>(_ type: Record.Type) -> [Record] {
        self.documents.filter { $0.kind == Record.kind }.flatMap { $0.records.compactMap { $0 as? Record } }
    }
}

/// The database row of a version.
struct PlanVersionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "planVersion"
    var id: Int64?
    var family: String
    var sender: String
    var recipient: String
    var insurerNumber: String
    var insuredNumber: String
    var keyDate: String
    var timestamp: String
    var unitID: Int64
    var action: String
    var isCurrent: Bool
    /// JSON array of ``CarePlanDocument``.
    var documents: String
    var importedAt: Double

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let family = Column(CodingKeys.family)
        static let sender = Column(CodingKeys.sender)
        static let recipient = Column(CodingKeys.recipient)
        static let insurerNumber = Column(CodingKeys.insurerNumber)
        static let insuredNumber = Column(CodingKeys.insuredNumber)
        static let keyDate = Column(CodingKeys.keyDate)
        static let timestamp = Column(CodingKeys.timestamp)
        static let isCurrent = Column(CodingKeys.isCurrent)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        self.id = inserted.rowID
    }

    static func filter(key: PlanKey) -> QueryInterfaceRequest<PlanVersionRow> {
        PlanVersionRow.filter(
            Columns.family == key.family.rawValue && Columns.sender == key.sender && Columns.recipient == key.recipient
                && Columns.insurerNumber == key.insurerNumber && Columns.insuredNumber == key.insuredNumber && Columns.keyDate == key.keyDate)
    }

    var key: PlanKey {
        PlanKey(
            family: PlanFamily(rawValue: self.family) ?? .carePlan, sender: self.sender, recipient: self.recipient, insurerNumber: self.insurerNumber,
            insuredNumber: self.insuredNumber, keyDate: self.keyDate)
    }

    func version(attachments: [String: [UInt8]]) throws -> PlanVersion {
        PlanVersion(
            id: self.id ?? 0, key: self.key, timestamp: self.timestamp, action: PlanVersion.Action(rawValue: self.action) ?? .replace,
            isCurrent: self.isCurrent, documents: try JSONDecoder().decode([CarePlanDocument].self, from: Data(self.documents.utf8)),
            attachments: attachments, importedAt: self.importedAt)
    }
}
