// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 第3表 週間サービス計画表, as 様式 第3表 (老企第29号): the week as a grid of two-hour bands (深夜・早朝・午前・午後・
/// 夜間・深夜) by weekday, with 主な日常生活上の活動 beside it and 週単位以外のサービス below. A service is written in the
/// band where it starts, with its times; the bands it runs through are shaded. A4 landscape.
struct WeeklyScheduleForm: PaperForm {
    let user: FormUser
    let rows: [WeeklyScheduleTable3Record]

    /// (name, first hour, hours) of the form's time-of-day groups, in two-hour bands.
    static let periods: [(name: String, start: Int, end: Int)] = [
        ("深夜", 0, 4), ("早朝", 4, 8), ("午前", 8, 12), ("午後", 12, 18), ("夜間", 18, 22), ("深夜", 22, 24),
    ]

    struct Entry {
        let text: String
        let start: ClockTime?
        let end: ClockTime?

        var label: String {
            let times = self.start.map { "\(JapaneseCalendar.time($0))〜\(JapaneseCalendar.time(self.end))" } ?? ""
            return times.isEmpty ? self.text : "\(times) \(self.text)"
        }

        /// Whether the entry starts in the band [hour, hour + 2); an entry without a time is in no band.
        func starts(in hour: Int) -> Bool {
            guard let start = self.start else { return false }
            return start.hour >= hour && start.hour < hour + 2
        }

        /// Whether the entry runs through some of the band (after the band it starts in).
        func covers(_ hour: Int) -> Bool {
            guard let start = self.start, let end = self.end else { return false }
            return start.minutes < (hour + 2) * 60 && end.minutes > hour * 60
        }
    }

    func render(into page: inout FormPage) {
        let first = self.rows[0]
        page.beginForm(
            "weekly", title: "週間サービス計画表", user: self.user, orientation: .landscape, style: "第3表（老企第29号 様式）",
            subtitle: "作成年月日 \(JapaneseCalendar.date(first.createdDate))・居宅サービス計画作成（変更）日 \(JapaneseCalendar.date(first.planCreationDate))")
        var byDay: [Int: [Entry]] = [:]
        var activities: [Entry] = []
        var others: [String] = []
        for row in self.rows {
            if let content = row.weeklyServiceContent, let day = row.weeklyServiceDayOfWeek.flatMap({ Int($0) }), (1...7).contains(day) {
                byDay[day, default: []].append(Entry(text: content, start: row.weeklyServiceStartTime, end: row.weeklyServiceEndTime))
            } else if let content = row.weeklyServiceContent {
                // A service without a weekday of the code table still belongs on the form.
                others.append(content)
            }
            if let activity = row.dailyActivity {
                activities.append(Entry(text: activity, start: row.dailyActivityStartTime, end: row.dailyActivityEndTime))
            }
            if let other = row.nonWeeklyService { others.append(other) }
        }
        page.raw("<table class=\"weekly\"><thead><tr><th class=\"band\"></th><th class=\"hour\"></th>")
        for name in JapaneseCalendar.weekdayNames { page.raw("<th class=\"center\">\(name)</th>") }
        page.raw("<th class=\"activity\">主な日常生活上の活動</th></tr></thead><tbody>\n")
        // Entries without a start time have a row of their own above the day.
        if byDay.values.contains(where: { $0.contains { $0.start == nil } }) || activities.contains(where: { $0.start == nil }) {
            page.raw("<tr data-hour=\"none\"><th class=\"hour\" colspan=\"2\">時間指定なし</th>")
            for day in 1...7 { page.raw(Self.untimedCell(byDay[day] ?? [], day: day)) }
            page.raw(Self.untimedCell(activities, day: nil))
            page.raw("</tr>\n")
        }
        for period in Self.periods {
            for hour in stride(from: period.start, to: period.end, by: 2) {
                page.raw("<tr data-hour=\"\(hour)\">")
                if hour == period.start { page.raw("<th class=\"band\" rowspan=\"\((period.end - period.start) / 2)\">\(period.name)</th>") }
                page.raw("<th class=\"hour\">\(hour):00</th>")
                for day in 1...7 { page.raw(Self.cell(byDay[day] ?? [], hour: hour, day: day)) }
                page.raw(Self.cell(activities, hour: hour, day: nil))
                page.raw("</tr>\n")
            }
        }
        page.raw("</tbody></table>\n")
        page.block("週単位以外のサービス", others.map(HTMLText.escape).joined(separator: "<br>"), class: "non-weekly")
        page.endForm()
    }

    private static func untimedCell(_ entries: [Entry], day: Int?) -> String {
        let untimed = entries.filter { $0.start == nil }
        return "<td\(day.map { " data-day=\"\($0)\"" } ?? " data-activity=\"1\"")>" + untimed.map { "<span class=\"entry\">\(HTMLText.escape($0.label))</span>" }.joined() + "</td>"
    }

    private static func cell(_ entries: [Entry], hour: Int, day: Int?) -> String {
        let starting = entries.filter { $0.starts(in: hour) }.sorted { ($0.start?.minutes ?? 0) < ($1.start?.minutes ?? 0) }
        let busy = entries.contains { $0.covers(hour) }
        let attributes = (busy ? " class=\"busy\"" : "") + (day.map { " data-day=\"\($0)\"" } ?? " data-activity=\"1\"")
        return "<td\(attributes)>" + starting.map { "<span class=\"entry\">\(HTMLText.escape($0.label))</span>" }.joined() + "</td>"
    }
}
