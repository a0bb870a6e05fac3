// CarePlan Link — CarePlanClient
import CarePlanCSV

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
