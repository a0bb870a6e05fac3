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
            Line(label: viewerIsRecipient ? "送信元" : "送信先", value: OfficeLabel.text(partner)),
            Line(label: "内容", value: "\(UnitLabel.text(listed.files))（\(listed.unit.pattern)）"),
            Line(label: "ファイル連番", value: listed.unit.timestamp),
            Line(label: "ファイル", value: "\(listed.files.count)件: " + listed.files.map(\.name).joined(separator: "、")),
        ]
    }
}
