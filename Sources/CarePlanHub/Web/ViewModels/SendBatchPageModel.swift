// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation

/// `send-batch.mustache`: a month's export, unit by unit — before sending (送信先, 内容, 対象年月, 利用者数, 問題) with the
/// files carried back in the form, and after (each unit's outcome with a link to it).
struct SendBatchPageModel: Sendable {
    struct Row: Sendable {
        let recipient: String
        let label: String
        let months: String
        let users: String
        let files: String
        /// 送信できます / 送信しました / 送信済みでした / 送れません
        let status: String
        let statusClass: String
        /// The refusal in Japanese, and its located problems.
        let problem: String?
        let details: [String]
        let unitID: String?
    }

    var office: OfficeHeader
    let title: String
    /// Before sending: the form's hidden files and the count that will go.
    let confirming: Bool
    let encoded: [String]
    let rows: [Row]
    let summary: String
    let sendable: Int
    let canSend: Bool

    /// One cause of a refusal, for the sender: where, how often, the first row's user and value, what to change. The
    /// page answers the sender about its own files; nothing of it is stored.
    static func line(_ group: DiagnosticGroup) -> String {
        let first = group.first
        let rows = group.firstRows.map(String.init).joined(separator: ", ") + (group.count > group.firstRows.count ? " …" : "")
        var parts = [first.file ?? ""]
        if !group.firstRows.isEmpty { parts.append(PageText.pick("\(rows)行", "rows \(rows)")) }
        if let item = first.item { parts.append(ItemLabel.text(item: item, name: first.itemName)) }
        if group.count > 1 { parts.append(PageText.pick("（\(group.count)件）", "(\(group.count)×)")) }
        parts.append(PageText.pick(first.messageJA, first.messageEN))
        if let insured = first.insuredNumber { parts.append(PageText.pick("被保険者番号 \(insured)", "insured \(insured)")) }
        if let value = first.value { parts.append(PageText.pick("値「\(value)」", "value \"\(value)\"")) }
        if first.hintJA != nil { parts.append(PageText.pick("ヒント: " + (first.hintJA ?? ""), "Hint: " + (first.hintEN ?? ""))) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    init(office: Office, items: [BatchResult.Item], uploads: [UploadedFile], confirming: Bool) {
        self.office = OfficeHeader(office)
        self.confirming = confirming
        self.title = confirming ? PageText.pick("まとめて送信（確認）", "Send all (check)") : PageText.pick("まとめて送信（結果）", "Send all (result)")
        self.rows = items.map { item in
            let (status, css): (String, String) =
                switch item.status {
                case "valid": (PageText.pick("送信できます", "Can go"), "state-imported")
                case "created": (PageText.pick("送信しました", "Sent"), "state-imported")
                case "existing": (PageText.pick("送信済みでした", "Sent before"), "state-downloaded")
                default: (PageText.pick("送れません", "Cannot go"), "state-importRefused")
                }
            return Row(
                recipient: item.recipientName ?? item.key, label: item.label ?? "—",
                months: (item.months ?? []).map(SendConfirmPageModel.month).joined(separator: PageText.pick("、", ", ")), users: item.users.map { PageText.pick("\($0)人", "\($0)") } ?? "",
                files: PageText.pick("\(item.files.count)件", "\(item.files.count)"), status: status, statusClass: css, problem: item.error.map { PageText.side($0.message) },
                details: DiagnosticGroup.group(item.senderDetails ?? item.error?.details ?? []).prefix(50).map(Self.line),
                unitID: item.unit?.id)
        }
        let valid = items.filter { $0.status == "valid" }
        self.sendable = valid.count
        self.canSend = confirming && !valid.isEmpty
        // Only the files of units that can go travel back.
        let names = Set(valid.flatMap(\.files))
        self.encoded = uploads.filter { names.contains($0.name) }.map { "\($0.name):" + Data($0.bytes).base64EncodedString() }
        let refused = items.filter { $0.status == "refused" }.count
        self.summary =
            confirming
            ? PageText.pick(
                "送信単位 \(items.count)件のうち、送信できるもの \(valid.count)件・送れないもの \(refused)件", "Of \(items.count) units, \(valid.count) can go and \(refused) cannot")
            : PageText.pick(
                "送信しました \(items.filter { $0.status == "created" }.count)件・送信済みでした \(items.filter { $0.status == "existing" }.count)件・送れませんでした \(refused)件",
                "Sent: \(items.filter { $0.status == "created" }.count) · sent before: \(items.filter { $0.status == "existing" }.count) · could not go: \(refused)")
    }
}
