// CarePlan Link — CarePlanClient
import CarePlanCSV
import Foundation

extension PlanVersion {
    /// The columns of ``tableRow``, tab-separated (what `careplan plans list` prints first).
    public static let tableHeader = "id\t現行\t区分\t被保険者番号\t利用者名\tキー日付\tファイル連番\t送信元→送信先\t処理"

    /// One tab-separated line: id, ● when current, family, 被保険者番号, name, key date, ファイル連番, offices, action.
    public var tableRow: String {
        let key = self.key
        return "\(self.id)\t\(self.isCurrent ? "●" : "")\t\(key.family.japaneseName)\t\(key.insuredNumber)\t\(self.userName ?? "")\t\(key.keyDate)\t\(self.timestamp)\t\(key.sender)→\(key.recipient)\t\(self.action.japanese)"
    }

    /// The version for people: its key and state, then every file's rows with the spec's item numbers and names
    /// (empty items left out), then the images.
    public var listing: String {
        var lines = ["\(self.key)", "ファイル連番 \(self.timestamp)  \(self.action.japanese)  \(self.isCurrent ? "現行 / current" : "旧版 / superseded")"]
        for document in self.documents {
            lines.append("\n■ \(document.kind.japaneseName)  \(document.fileName ?? "")")
            let layout = FileLayout.current(document.kind)
            for (index, record) in document.records.enumerated() {
                lines.append("── 行/row \(index + 1)")
                for (column, text) in record.fieldTexts.enumerated() where !text.isEmpty && column + 1 < layout.fields.count {
                    lines.append("  No.\(layout.fields[column + 1].number) \(layout.fields[column + 1].name): \(text)")
                }
            }
        }
        for name in self.attachments.keys.sorted() { lines.append("\n■ 画像 \(name) (\(self.attachments[name]!.count) bytes)") }
        return lines.joined(separator: "\n")
    }
}

extension PlanVersion {
    /// The version's files as JSON (one ``CarePlanDocument`` per file, pretty-printed, sorted keys), as `careplan plans
    /// show --json` prints them.
    public func json() throws -> String {
        let encoder = JSONEncoder.readable
        return String(decoding: try encoder.encode(self.documents), as: UTF8.self)
    }
}
