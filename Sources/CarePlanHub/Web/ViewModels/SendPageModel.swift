// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `send.mustache`: the upload form, with the located problems of a refused unit, grouped by cause.
///
/// The page answers the sender about its own files, so it shows the user (被保険者番号) and the offending value: the
/// sender has them anyway, and needs them to find the row in its software. They are rendered into this answer only,
/// never stored (the audit log records the count of problems, and other parties see redacted diagnostics).
struct SendPageModel: Sendable {
    /// One cause of the refusal: a rule at one item of one file, with how many rows have it.
    struct Problem: Sendable {
        let file: String
        /// The first rows, `3, 5, 9 …` when the cause repeats.
        let row: String
        let column: String
        /// `No.12 被保険者番号`
        let item: String
        /// 被保険者番号 of the first row's user.
        let insured: String
        /// The offending value of the first row.
        let value: String
        /// The problem in Japanese (the API's answer has both languages), with the hint when there is one.
        let message: String
        let hint: String
        let rule: String
        /// How many rows have this problem.
        let count: Int
    }

    var office: OfficeHeader
    let title = PageText.pick("送信する", "Send")
    let error: String?
    let problems: [Problem]
    /// Stored, not computed: Mustache reads a model through `Mirror`, which sees stored properties only.
    let hasProblems: Bool

    init(office: Office, error: String?, problems: [Diagnostic]) {
        self.office = OfficeHeader(office)
        self.error = error.map(PageText.side)
        self.problems = DiagnosticGroup.group(problems).prefix(500).map { group in
            let first = group.first
            let rows = group.firstRows.map(String.init).joined(separator: ", ") + (group.count > group.firstRows.count ? " …" : "")
            return Problem(
                file: first.file ?? "", row: rows, column: first.column.map(String.init) ?? "",
                item: ItemLabel.text(item: first.item, name: first.itemName), insured: first.insuredNumber ?? "", value: first.value ?? "",
                message: PageText.pick(first.messageJA, first.messageEN), hint: PageText.pick(first.hintJA ?? "", first.hintEN ?? ""),
                rule: first.rule.rawValue, count: group.count)
        }
        self.hasProblems = !self.problems.isEmpty
    }
}
