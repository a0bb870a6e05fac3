// CarePlan Link — CarePlanClient
public import CarePlanCSV
import CarePlanAnalysis
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
    public var userName: String? { self.rows.userName }

    /// All records of one type across the version's documents.
    public func records<Record: CarePlanRecord>(_ type: Record.Type) -> [Record] { self.rows.records(type) }
}
