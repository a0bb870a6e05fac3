// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 第6表 サービス利用票（兼居宅サービス計画）, as 様式 第6表 (老企第29号): the user's header from 利用者補足情報, then
/// each service on two lines — 予定 from the 第6表 file (UPPLAN), 実績 from the provider's 実績 file (UPJSK, the same
/// layout) — over the month's 31 days with their weekdays, and each line's 合計回数. Where 実績 of the service's
/// office is present, days on which 予定 and 実績 differ are marked. A4 landscape.
struct ServiceUseForm: PaperForm {
    let user: FormUser
    let month: YearMonth
    let plan: [ServiceUsePlanRecord]
    let results: [ServiceResultsRecord]
    let supplement: SupplementaryUserInfoRecord?

    /// The rows of one service: same office, サービスコード and times.
    struct LineKey: Hashable, Comparable {
        /// サービス事業者コード
        let office: String
        /// サテライト枝番
        let branch: String
        /// サービスコード
        let code: String
        let start: String
        let end: String
        /// TAISコード or 福祉用具届出コード: two rented items of one サービスコード are two lines.
        let equipment: String
        /// 明細判別コード
        let discriminator: Int

        static func < (lhs: LineKey, rhs: LineKey) -> Bool {
            // By start time: untimed services (9999) come after the timed ones, as on paper.
            let left = (lhs.start, lhs.office, lhs.code, lhs.end, lhs.branch)
            let right = (rhs.start, rhs.office, rhs.code, rhs.end, rhs.branch)
            return left != right ? left < right : (lhs.equipment, lhs.discriminator) < (rhs.equipment, rhs.discriminator)
        }
    }

    /// One service of the form: its 予定 and 実績 counts per day (1…31).
    struct Line {
        var key: LineKey
        var officeName: String?
        var equipment: String?
        var prorated: DayMask?
        var planned = [Int](repeating: 0, count: 32)
        var actual = [Int](repeating: 0, count: 32)
    }

    static func lines(plan: [ServiceUsePlanRecord], results: [ServiceResultsRecord]) -> [Line] {
        var lines: [LineKey: Line] = [:]
        Self.add(plan, to: &lines, counts: \.planned)
        Self.add(results, to: &lines, counts: \.actual)
        return lines.values.sorted { $0.key < $1.key }
    }

    /// Adds each row's サービス回数 on its day to the line of its key (予定 or 実績 by `counts`).
    private static func add(_ rows: [some ServiceDayRow], to lines: inout [LineKey: Line], counts: WritableKeyPath<Line, [Int]>) {
        for row in rows {
            let key = LineKey(
                office: row.providerOfficeCode, branch: row.satelliteBranchNumber ?? "", code: row.serviceCode, start: row.serviceStartTime.description,
                end: row.serviceEndTime.description, equipment: row.taisCode ?? row.welfareEquipmentNotificationCode ?? "",
                discriminator: row.lineItemDiscriminator ?? 0)
            var line = lines[key] ?? Line(key: key)
            line.officeName = line.officeName ?? row.providerOfficeName
            line.equipment = line.equipment ?? row.equipmentModelName
            line.prorated = line.prorated ?? row.proratedDaysMask
            line[keyPath: counts][row.serviceDate.day] += row.serviceCount
            lines[key] = line
        }
    }

    func render(into page: inout FormPage) {
        let days = self.month.dayCount
        let planHead = self.plan.first
        let resultHead = self.results.first
        let contents = self.plan.isEmpty ? "実績（予定のファイルなし）" : self.results.isEmpty ? "予定" : "予定・実績"
        page.beginForm(
            "service-use", title: "サービス利用票（兼居宅サービス計画）", user: self.user, orientation: .landscape, style: "第6表（老企第29号 様式）",
            subtitle: "\(JapaneseCalendar.month(self.month))分　\(contents)")
        let supplement = self.supplement
        let changed = supplement?.careLevelChangeDate != nil
        let level = changed ? supplement?.previousCareLevel : supplement?.careLevel
        let shortStay = planHead?.shortStayDaysUntilPreviousMonth ?? resultHead?.shortStayDaysUntilPreviousMonth ?? supplement?.shortStayDaysUntilPreviousMonth
        page.raw("<div class=\"grid-2\">\n")
        page.fields([
            ("認定済・申請中", CodeLabel.choices(supplement?.certificationStatus, "認定状況区分", only: ["2", "1"])),
            ("保険者番号", HTMLText.escape(self.user.insurerNumber)),
            ("被保険者番号", HTMLText.escape(self.user.insuredNumber)),
            ("フリガナ", HTMLText.text(self.user.nameKana)),
            ("被保険者氏名", HTMLText.text(self.user.name)),
            ("生年月日・性別", "\(JapaneseCalendar.date(self.user.birthDate))　\(HTMLText.code(self.user.gender, "性別"))"),
            ("要介護状態区分", HTMLText.code(level, "要介護状態区分")),
            ("変更後要介護状態区分・変更日", changed ? "\(HTMLText.code(supplement?.careLevel, "要介護状態区分"))　\(JapaneseCalendar.date(supplement?.careLevelChangeDate))" : ""),
        ])
        page.fields([
            ("居宅介護支援事業者事業所番号・担当者名", "\(HTMLText.text(planHead?.careManagementOfficeCode ?? resultHead?.careManagementOfficeCode))　\(HTMLText.text(planHead?.careManagerName ?? resultHead?.careManagerName))"),
            ("作成年月日", JapaneseCalendar.date(planHead?.createdDate)),
            ("実績の作成年月日", JapaneseCalendar.date(resultHead?.createdDate)),
            ("区分支給限度基準額", supplement?.categoryBenefitLimit.map { "<span class=\"num\">\(HTMLText.number($0))</span> 単位／月" } ?? ""),
            ("限度額適用期間", supplement.map { "\(JapaneseCalendar.date($0.benefitLimitStartDate)) 〜 \(JapaneseCalendar.date($0.benefitLimitEndDate))" } ?? ""),
            ("前月までの短期入所利用日数", shortStay.map { "\($0) 日" } ?? ""),
        ])
        page.raw("</div>\n")
        let lines = Self.lines(plan: self.plan, results: self.results)
        // Days are compared only where both halves are here: the 第6表, and that office's 実績.
        let officesWithResults = self.plan.isEmpty ? [] : Set(self.results.map(\.providerOfficeCode))
        page.raw("<table class=\"days\"><thead><tr><th class=\"label\" rowspan=\"2\">提供時間帯</th><th class=\"label\" rowspan=\"2\">サービス内容</th>")
        page.raw("<th class=\"label\" rowspan=\"2\">サービス事業者・事業所名</th><th rowspan=\"2\"></th>")
        for day in 1...31 { page.raw("<th class=\"\(self.dayClass(day, days: days))\">\(day)</th>") }
        page.raw("<th rowspan=\"2\">合計<br>回数</th></tr><tr>")
        for day in 1...31 {
            let name = day <= days ? JapaneseCalendar.weekdayName(CalendarDate(year: self.month.year, month: self.month.month, day: day)!) : ""
            page.raw("<th class=\"\(self.dayClass(day, days: days))\">\(name)</th>")
        }
        page.raw("</tr></thead>\n")
        for line in lines {
            let compare = officesWithResults.contains(line.key.office)
            let times = line.key.start == "9999" ? "" : "\(Self.time(line.key.start))〜\(Self.time(line.key.end))"
            let type = ServiceType.named(String(line.key.code.prefix(2)))?.name ?? ""
            var content = "\(HTMLText.escape(type))<br><span class=\"small\">\(HTMLText.escape(line.key.code))</span>"
            if let equipment = line.equipment { content += "<br><span class=\"small\">\(HTMLText.escape(equipment))</span>" }
            if let prorated = line.prorated, prorated.bits != 0 { content += "<br><span class=\"small\">日割 \(prorated.days.map(String.init).joined(separator: ","))日</span>" }
            let office = "\(HTMLText.text(line.officeName))<br><span class=\"small\">\(HTMLText.escape(line.key.office))\(line.key.branch.isEmpty ? "" : "-" + HTMLText.escape(line.key.branch))</span>"
            page.raw("<tbody class=\"service\" data-code=\"\(HTMLText.escape(line.key.code))\" data-office=\"\(HTMLText.escape(line.key.office))\">")
            page.raw("<tr class=\"plan\"><td class=\"label\" rowspan=\"2\">\(times)</td><td class=\"label\" rowspan=\"2\">\(content)</td><td class=\"label\" rowspan=\"2\">\(office)</td><td class=\"kind\">予定</td>")
            page.raw(self.cells(line.planned, other: compare ? line.actual : nil, days: days))
            page.raw("<td class=\"total num\">\(line.planned.reduce(0, +))</td></tr>")
            page.raw("<tr class=\"result\"><td class=\"kind\">実績</td>")
            let hasResults = compare || self.plan.isEmpty
            page.raw(self.cells(line.actual, other: compare ? line.planned : nil, days: days, isResult: true, filled: hasResults))
            page.raw("<td class=\"total num\">\(hasResults ? String(line.actual.reduce(0, +)) : "")</td></tr></tbody>\n")
        }
        page.raw("</table>\n")
        if lines.isEmpty { page.raw("<p>この月のサービスはありません。</p>\n") }
        page.endForm()
    }

    private func dayClass(_ day: Int, days: Int) -> String {
        guard day <= days else { return "none" }
        switch CalendarDate(year: self.month.year, month: self.month.month, day: day)!.isoWeekday {
        case 6: return "sat"
        case 7: return "sun"
        default: return "weekday"
        }
    }

    /// The day cells of a line; `other` is the opposite line when both can be compared (a differing day is marked).
    private func cells(_ counts: [Int], other: [Int]?, days: Int, isResult: Bool = false, filled: Bool = true) -> String {
        var html = ""
        for day in 1...31 {
            guard day <= days else {
                html += "<td class=\"none\"></td>"
                continue
            }
            let differs = other.map { $0[day] != counts[day] } ?? false
            let text = counts[day] > 0 ? String(counts[day]) : ""
            html += "<td data-day=\"\(day)\"\(differs ? " class=\"differs\"" : "")>\(filled || !isResult ? text : "")</td>"
        }
        return html
    }

    /// `0930` → `9:30`.
    private static func time(_ hhmm: String) -> String {
        guard let time = ClockTime(hhmm) else { return HTMLText.escape(hhmm) }
        return JapaneseCalendar.time(time)
    }
}
