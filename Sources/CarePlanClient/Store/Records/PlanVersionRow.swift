// CarePlan Link — CarePlanClient
import CarePlanCSV
import Foundation
import GRDB

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
