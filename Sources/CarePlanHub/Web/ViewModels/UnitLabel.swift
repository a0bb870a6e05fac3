// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// What a unit is, in the words of the people who use it, from its files' names: 「2025年6月分 サービス利用票・別表」,
/// 「居宅サービス計画書（第1〜3表）」, 「2025年6月分 実績」, 「利用者基本情報・介護予防サービス・支援計画書」. The spec's
/// combination names (「居宅②/予防(4)」) and the ファイル連番 stay on the unit page as details.
enum UnitLabel {
    /// The label of a unit with `files`.
    static func text(_ files: [UnitFile]) -> String {
        let names = files.compactMap { try? CarePlanFileName(parsing: $0.name) }
        let kinds = Set(names.map(\.kind))
        let months = Set(names.compactMap { $0.month?.yearMonth }).sorted()
        var parts: [String] = []
        func add(_ text: String, if present: Bool) { if present { parts.append(text) } }
        add("居宅サービス計画書（第1〜3表）", if: kinds.contains(.carePlanTable1) || kinds.contains(.carePlanTable2) || kinds.contains(.weeklyScheduleTable3))
        let usePlan = kinds.contains(.serviceUsePlan), annex = kinds.contains(.serviceUseAnnex)
        add(usePlan && annex ? "サービス利用票・別表" : usePlan ? "サービス利用票" : "サービス利用票別表", if: usePlan || annex)
        add("実績", if: kinds.contains(.serviceResults))
        add("利用者基本情報", if: kinds.contains(.basicUserInfo))
        add("介護予防サービス・支援計画書", if: kinds.contains(.preventionPlan))
        add("居宅サービス計画書の削除", if: kinds.contains(.carePlanTable1Deletion))
        add("サービス利用票の削除", if: kinds.contains(.serviceUsePlanDeletion))
        add("実績の削除", if: kinds.contains(.serviceResultsDeletion))
        add("利用者基本情報の削除", if: kinds.contains(.basicUserInfoDeletion))
        add("介護予防サービス・支援計画書の削除", if: kinds.contains(.preventionPlanDeletion))
        // A 補足 sent alone.
        if parts.isEmpty && kinds.contains(.supplementaryUserInfo) { parts.append("利用者補足情報") }
        let what = parts.isEmpty ? "ファイル \(files.count)件" : parts.joined(separator: "・")
        let when = months.map { "\($0.year)年\($0.month)月" }.joined(separator: "・")
        return when.isEmpty ? what : "\(when)分 \(what)"
    }
}
