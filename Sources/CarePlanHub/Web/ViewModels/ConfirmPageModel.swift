// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `confirm.mustache`: a question before an action that cannot be undone (取込済にする, 取り下げ), naming the unit.
struct ConfirmPageModel: Sendable {
    struct Line: Sendable {
        let label: String
        let value: String
    }

    let office: OfficeHeader
    let title: String
    let question: String
    let lines: [Line]
    let consequence: String
    /// Where the form posts, and where 「戻る」 leads.
    let action: String
    let back: String
    let button: String

    /// The lines that name a unit: partner, combination, ファイル連番, files.
    static func unitLines(_ listed: ListedUnit, viewerIsRecipient: Bool) -> [Line] {
        let partner = viewerIsRecipient ? listed.sender : listed.recipient
        return [
            Line(label: viewerIsRecipient ? PageText.pick("送信元", "Sender") : PageText.pick("送信先", "Recipient"), value: OfficeLabel.text(partner)),
            Line(label: PageText.pick("内容", "Contents"), value: PageText.pick("\(UnitLabel.text(listed.files))（\(listed.unit.pattern)）", "\(UnitLabel.text(listed.files)) (\(listed.unit.pattern))")),
            Line(label: PageText.pick("ファイル連番", "File sequence number"), value: listed.unit.timestamp),
            Line(label: PageText.pick("ファイル", "Files"), value: PageText.pick("\(listed.files.count)件: ", "\(listed.files.count): ") + listed.files.map(\.name).joined(separator: PageText.pick("、", ", "))),
        ]
    }
}
