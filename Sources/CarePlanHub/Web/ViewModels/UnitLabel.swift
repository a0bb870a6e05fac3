// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// What a unit is, in the words of the people who use it, from its files' names: 「2025年6月分 サービス利用票・別表」,
/// 「居宅サービス計画書（第1〜3表）」, 「2025年6月分 実績」, 「利用者基本情報・介護予防サービス・支援計画書」. The spec's
/// combination names (「居宅②/予防(4)」) and the ファイル連番 stay on the unit page as details.
enum UnitLabel {
    /// The label of a unit with `files`.
    static func text(_ files: [UnitFile]) -> String {
        let read = files.compactMap(Self.kindAndMonth)
        let kinds = Set(read.map(\.kind))
        let months = Set(read.compactMap(\.month)).sorted()
        var parts: [String] = []
        func add(_ text: String, if present: Bool) { if present { parts.append(text) } }
        let pick = PageText.pick
        add(pick("居宅サービス計画書（第1〜3表）", "care plan (tables 1–3)"), if: kinds.contains(.carePlanTable1) || kinds.contains(.carePlanTable2) || kinds.contains(.weeklyScheduleTable3))
        let usePlan = kinds.contains(.serviceUsePlan), annex = kinds.contains(.serviceUseAnnex)
        add(
            usePlan && annex
                ? pick("サービス利用票・別表", "service use plan and annex") : usePlan ? pick("サービス利用票", "service use plan") : pick("サービス利用票別表", "service use annex"),
            if: usePlan || annex)
        add(pick("実績", "results"), if: kinds.contains(.serviceResults))
        add(pick("利用者基本情報", "basic user information"), if: kinds.contains(.basicUserInfo))
        add(pick("介護予防サービス・支援計画書", "prevention care plan"), if: kinds.contains(.preventionPlan))
        add(pick("居宅サービス計画書の削除", "care plan deletion"), if: kinds.contains(.carePlanTable1Deletion))
        add(pick("サービス利用票の削除", "use plan deletion"), if: kinds.contains(.serviceUsePlanDeletion))
        add(pick("実績の削除", "results deletion"), if: kinds.contains(.serviceResultsDeletion))
        add(pick("利用者基本情報の削除", "basic user information deletion"), if: kinds.contains(.basicUserInfoDeletion))
        add(pick("介護予防サービス・支援計画書の削除", "prevention care plan deletion"), if: kinds.contains(.preventionPlanDeletion))
        // A 補足 sent alone.
        if parts.isEmpty && kinds.contains(.supplementaryUserInfo) { parts.append(pick("利用者補足情報", "supplementary user information")) }
        let what = parts.isEmpty ? pick("ファイル \(files.count)件", "\(files.count) files") : parts.joined(separator: pick("・", ", "))
        let when = months.map { Self.month($0.year, $0.month) }.joined(separator: pick("・", ", "))
        return when.isEmpty ? pick(what, what.prefix(1).uppercased() + what.dropFirst()) : pick("\(when)分 \(what)", "\(when): \(what)")
    }

    /// A stored file's kind (stored beside its name at upload) and its YYYYMM (the token after the kind, for kinds
    /// that carry one): what the label needs, without parsing the whole name again. A listing labels every unit of
    /// a page, and the full parse of each name made the API's page of 1,000 units about 50% slower.
    static func kindAndMonth(_ file: UnitFile) -> (kind: FileKind, month: YearMonth?)? {
        guard let kind = FileKind(rawValue: file.kind) else {
            // A file stored without its kind: the full parse.
            return (try? CarePlanFileName(parsing: file.name)).map { ($0.kind, $0.month?.yearMonth) }
        }
        guard kind.hasMonthToken else { return (kind, nil) }
        let token = file.name.utf8.dropFirst(kind.rawValue.utf8.count + 1).prefix(6)
        return (kind, YearMonth(digits: token))
    }

    /// 「2025年6月」 / 「June 2025」.
    static func month(_ year: Int, _ month: Int) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return PageText.pick("\(year)年\(month)月", (1...12).contains(month) ? "\(names[month - 1]) \(year)" : "\(year)-\(month)")
    }
}
