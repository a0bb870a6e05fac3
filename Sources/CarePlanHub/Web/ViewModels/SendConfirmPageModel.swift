// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// `send-confirm.mustache`: what a checked unit is and where it goes, asked before it is sent. The files travel back
/// in the form (base64), so that nothing is kept at the hub until the sender confirms; the hub checks them again then.
struct SendConfirmPageModel: Sendable {
    struct File: Sendable {
        let name: String
        let kind: String
        let size: Int
        /// `<name>:<base64>` for the hidden field.
        let encoded: String
    }

    struct Warning: Sendable {
        let file: String
        let row: String
        let message: String
    }

    var office: OfficeHeader
    let title = PageText.pick("送信内容の確認", "Check before sending")
    /// 事業所名（事業所番号_種類）
    let recipient: String
    let pattern: String
    let months: String
    let users: String
    let files: [File]
    let warnings: [Warning]
    let hasWarnings: Bool

    init(office: Office, preview: UnitIntake.Preview, uploads: [UploadedFile]) {
        self.office = OfficeHeader(office)
        self.recipient = OfficeLabel.text(preview.recipient)
        self.pattern = preview.pattern
        self.months = preview.months.isEmpty ? "—" : preview.months.map(Self.month).joined(separator: PageText.pick("、", ", "))
        self.users = preview.users == 0 ? "—" : PageText.pick("\(preview.users)人", "\(preview.users)")
        let bytes = Dictionary(uploads.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        self.files = preview.files.map { file in
            File(
                name: file.name, kind: FileKind(rawValue: file.kind)?.pageName ?? file.kind, size: file.size,
                encoded: "\(file.name):" + Data(bytes[file.name] ?? []).base64EncodedString())
        }
        self.warnings = preview.warnings.prefix(200).map { warning in
            Warning(file: warning.file ?? "", row: warning.row.map(String.init) ?? "", message: warning.messageJA)
        }
        self.hasWarnings = !self.warnings.isEmpty
    }

    /// `202406` → `2024年6月`
    static func month(_ text: String) -> String {
        guard text.count == 6, let year = Int(text.prefix(4)), let month = Int(text.suffix(2)) else { return text }
        return UnitLabel.month(year, month)
    }
}
