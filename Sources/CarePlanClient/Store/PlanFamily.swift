// CarePlan Link — CarePlanClient
import CarePlanCSV

/// What the spec replaces and deletes as one: a parent table and the tables that hang off it (spec §5).
public enum PlanFamily: String, Codable, Sendable, CaseIterable {
    /// 居宅サービス計画: 第1表 + 第2表 + 第3表 + 利用者補足情報(000000). Key: 居宅サービス計画作成（変更）日.
    case carePlan
    /// サービス利用票: 第6表（予定）+ 第7表 別表 + 利用者補足情報(対象年月). Key: 対象年月.
    case usagePlan
    /// 実績情報 (第6表形式). Key: 対象年月; one version per sending provider.
    case results
    /// 利用者基本情報 + 別表1・別表2・家族構成画像. Key: 相談日.
    case basicInfo
    /// 介護予防サービス・支援計画書 + 別表. Key: 計画作成(変更)日.
    case preventionPlan

    public var japaneseName: String {
        switch self {
        case .carePlan: "居宅サービス計画（第1・2・3表）"
        case .usagePlan: "サービス利用票（第6・7表 予定）"
        case .results: "実績"
        case .basicInfo: "利用者基本情報"
        case .preventionPlan: "介護予防サービス・支援計画書"
        }
    }
}

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

/// What a unit asks for one key.
enum PlanChange {
    /// The unit carries the whole family for the key: it becomes the current version.
    case replace([CarePlanDocument])
    /// 第1表・第6表・基本情報・支援計画書 削除: the family is deleted (with its dependent tables).
    case delete
    /// 実績削除: the rows of one provider and service type go; the rest of the 実績 stays.
    case deleteResults([ResultsDeletion])
}

/// One 実績削除 row's scope.
struct ResultsDeletion: Hashable {
    /// サービス事業者コード (事業所番号)
    let providerOfficeCode: String
    /// サービス種類コード
    let serviceTypeCode: String
}

/// Splits a unit's decoded files into changes per key.
enum UnitContent {
    /// - Parameters:
    ///   - documents: the unit's CSV files, decoded (file name → document).
    ///   - images: the unit's image files (name → bytes); they travel with 利用者基本情報.
    static func changes(_ documents: [(name: CarePlanFileName, document: CarePlanDocument)]) -> [PlanKey: PlanChange] {
        var replacements: [PlanKey: [String: CarePlanDocument]] = [:]
        var deletions: [PlanKey: PlanChange] = [:]
        for (name, document) in documents {
            let sender = name.sender.description
            let recipient = name.recipient.description
            func key(_ family: PlanFamily, _ insurer: String, _ insured: String, _ date: String) -> PlanKey {
                PlanKey(family: family, sender: sender, recipient: recipient, insurerNumber: insurer, insuredNumber: insured, keyDate: date)
            }
            for record in document.records {
                switch record {
                case let row as CarePlanTable1DeletionRecord:
                    deletions[key(.carePlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)] = .delete
                case let row as ServiceUsePlanDeletionRecord:
                    deletions[key(.usagePlan, row.insurerNumber, row.insuredNumber, row.serviceMonth.description)] = .delete
                case let row as BasicUserInfoDeletionRecord:
                    deletions[key(.basicInfo, row.insurerNumber, row.insuredNumber, row.consultationDate.description)] = .delete
                case let row as PreventionPlanDeletionRecord:
                    deletions[key(.preventionPlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)] = .delete
                case let row as ServiceResultsDeletionRecord:
                    let scope = ResultsDeletion(providerOfficeCode: row.providerOfficeCode, serviceTypeCode: row.serviceTypeCode)
                    let target = key(.results, row.insurerNumber, row.insuredNumber, row.serviceMonth.description)
                    if case .deleteResults(let existing) = deletions[target] {
                        deletions[target] = .deleteResults(existing + [scope])
                    } else {
                        deletions[target] = .deleteResults([scope])
                    }
                default:
                    guard let target = self.replacementKey(record, name: name, key: key) else { continue }
                    replacements[target, default: [:]][name.description, default: CarePlanDocument(
                        fileName: name.description, kind: document.kind, csvVersion: document.csvVersion, records: [])].records.append(record)
                }
            }
        }
        var changes = deletions
        for (key, files) in replacements {
            changes[key] = .replace(files.values.sorted { ($0.kind, $0.fileName ?? "") < ($1.kind, $1.fileName ?? "") })
        }
        return changes
    }

    /// The key of an update row (nil for deletion rows, handled by the caller).
    private static func replacementKey(
        _ record: any CarePlanRecord, name: CarePlanFileName, key: (PlanFamily, String, String, String) -> PlanKey
    ) -> PlanKey? {
        switch record {
        case let row as CarePlanTable1Record: key(.carePlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)
        case let row as CarePlanTable2Record: key(.carePlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)
        case let row as WeeklyScheduleTable3Record: key(.carePlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)
        case let row as SupplementaryUserInfoRecord:
            // 補足 follows its parent: 000000 in the name = with 第1表 (key 作成日), a month = with 第6表 (key 対象年月).
            if let month = name.month?.yearMonth {
                key(.usagePlan, row.insurerNumber, row.insuredNumber, month.description)
            } else {
                key(.carePlan, row.insurerNumber, row.insuredNumber, row.planCreationDate?.description ?? "00000000")
            }
        case let row as ServiceUsePlanRecord: key(.usagePlan, row.insurerNumber, row.insuredNumber, row.serviceMonth.description)
        case let row as ServiceUseAnnexRecord: key(.usagePlan, row.insurerNumber, row.insuredNumber, row.serviceMonth.description)
        case let row as ServiceResultsRecord: key(.results, row.insurerNumber, row.insuredNumber, row.serviceMonth.description)
        case let row as BasicUserInfoRecord: key(.basicInfo, row.insurerNumber, row.insuredNumber, row.consultationDate.description)
        case let row as BasicUserInfoDailyScheduleRecord: key(.basicInfo, row.insurerNumber, row.insuredNumber, row.consultationDate.description)
        case let row as BasicUserInfoMedicalHistoryRecord: key(.basicInfo, row.insurerNumber, row.insuredNumber, row.consultationDate.description)
        case let row as PreventionPlanRecord: key(.preventionPlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)
        case let row as PreventionPlanSupportDetailsRecord: key(.preventionPlan, row.insurerNumber, row.insuredNumber, row.planCreationDate.description)
        default: nil
        }
    }
}
