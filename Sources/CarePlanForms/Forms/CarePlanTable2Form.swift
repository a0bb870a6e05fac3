// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 第2表 居宅サービス計画書(2), as 様式 第2表 (老企第29号): needs, goals (long and short term with their periods) and
/// the assistance given for them, in the order of 課題NO, 援助目標NO and 援助内容NO. A need or goal of the same number
/// on the next rows — left blank, as the spec allows, or repeated — is printed once, on its first row. A4 portrait.
struct CarePlanTable2Form: PaperForm {
    let user: FormUser
    let rows: [CarePlanTable2Record]

    func render(into page: inout FormPage) {
        let rows = self.rows.sorted { ($0.issueNumber ?? 0, $0.goalNumber ?? 0, $0.assistanceContentNumber ?? 0) < ($1.issueNumber ?? 0, $1.goalNumber ?? 0, $1.assistanceContentNumber ?? 0) }
        let first = rows[0]
        page.beginForm(
            "table2", title: "居宅サービス計画書（2）", user: self.user, orientation: .portrait, style: "第2表（老企第29号 様式）",
            subtitle: "作成年月日 \(JapaneseCalendar.date(first.createdDate))・居宅サービス計画作成（変更）日 \(JapaneseCalendar.date(first.planCreationDate))")
        page.raw("""
            <table class="needs">
            <thead>
            <tr><th rowspan="2">生活全般の解決すべき課題（ニーズ）</th><th colspan="4" class="center">目標</th><th colspan="6" class="center">援助内容</th></tr>
            <tr><th>長期目標</th><th>（期間）</th><th>短期目標</th><th>（期間）</th><th>サービス内容</th><th>※1</th><th>サービス種別</th><th>※2</th><th>頻度</th><th>期間</th></tr>
            </thead>
            <tbody>

            """)
        var previousIssue: (number: Int?, text: String?)?
        var previousGoal: (issue: Int?, goal: Int?, long: String?, short: String?)?
        for row in rows {
            let newIssue = previousIssue.map { $0.number != row.issueNumber || (row.issue != nil && row.issue != $0.text) } ?? true
            let newGoal =
                previousGoal.map { previous in
                    previous.issue != row.issueNumber || previous.goal != row.goalNumber
                        || (row.longTermGoal != nil && row.longTermGoal != previous.long) || (row.shortTermGoal != nil && row.shortTermGoal != previous.short)
                } ?? true
            page.raw("<tr data-issue=\"\(row.issueNumber.map(String.init) ?? "")\">")
            page.raw("<td class=\"issue\">\(newIssue ? HTMLText.block(row.issue) : "")</td>")
            page.raw("<td>\(newGoal ? HTMLText.block(row.longTermGoal) : "")</td><td class=\"small\">\(newGoal ? HTMLText.text(row.longTermGoalPeriod) : "")</td>")
            page.raw("<td>\(newGoal ? HTMLText.block(row.shortTermGoal) : "")</td><td class=\"small\">\(newGoal ? HTMLText.text(row.shortTermGoalPeriod) : "")</td>")
            let covered = row.insuranceCoverageFlag == "Y" ? "○" : ""
            let office = [row.providerOfficeName, row.providerOfficeCode.map { "（\($0)）" }].compactMap { $0 }.joined()
            page.raw("<td class=\"content\">\(HTMLText.block(row.serviceContent))</td><td class=\"center\">\(covered)</td>")
            page.raw("<td>\(HTMLText.text(row.serviceCategory))</td><td class=\"small\">\(HTMLText.escape(office))</td>")
            page.raw("<td>\(HTMLText.text(row.frequency))</td><td class=\"small\">\(HTMLText.text(row.servicePeriod))</td></tr>\n")
            if newIssue { previousIssue = (row.issueNumber, row.issue) }
            if newGoal { previousGoal = (row.issueNumber, row.goalNumber, row.longTermGoal, row.shortTermGoal) }
        }
        page.raw("</tbody></table>\n")
        page.raw("<p class=\"small\">※1 ○：保険給付の対象（保険対象区分 Y）　※2 サービスを提供する事業所</p>\n")
        page.endForm()
    }
}
