// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `send.mustache`: the upload form, with the located problems of a refused unit.
struct SendPageModel: Sendable {
    /// One problem of the refused unit (values are never shown: the diagnostics are redacted).
    struct Problem: Sendable {
        let file: String
        let row: String
        let column: String
        /// `No.12 被保険者番号`
        let item: String
        /// The problem in Japanese (the API's answer has both languages).
        let message: String
        let rule: String
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
        self.problems = problems.prefix(500).map { problem in
            Problem(
                file: problem.file ?? "", row: problem.row.map(String.init) ?? "", column: problem.column.map(String.init) ?? "",
                item: ItemLabel.text(item: problem.item, name: problem.itemName),
                message: problem.messageJA, rule: problem.rule.rawValue)
        }
        self.hasProblems = !self.problems.isEmpty
    }
}
