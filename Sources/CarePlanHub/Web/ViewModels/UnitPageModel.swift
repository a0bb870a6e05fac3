// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanForms
import CarePlanHubStore
import Foundation

/// `unit.mustache`: one send unit with its files, its state in the viewer's words, what the viewer can do next
/// (取込済にする, 取り下げ, 再送), the acceptance warnings, the recipient's import problems and the receipts.
struct UnitPageModel: Sendable {
    struct Unit: Sendable {
        let id: String
        /// What the unit is, in words (``UnitLabel``).
        let label: String
        /// ファイル連番
        let timestamp: String
        /// 送信元 / 送信先: 事業所名（サービス種類名・事業所番号）
        let sender: String
        let recipient: String
        let pattern: String
        let stateClass: String
        let stateLabel: String
        /// Japan time; each absent until it happens.
        let createdAt: String
        let downloadedAt: String?
        let importReportedAt: String?
        let withdrawnAt: String?
        let expiredAt: String?
        /// 期限 while the unit can expire.
        let expiresAt: String?
        let previousUnitID: String?
    }

    struct File: Sendable {
        let unitID: String
        let name: String
        /// The kind's Japanese name (e.g. サービス利用票).
        let kind: String
        let size: Int
        let sha256: String
        let sha256Short: String
        /// False once the files were deleted, or for the recipient of a withdrawn or expired unit.
        let available: Bool
        /// The recipient's first download (Japan time).
        let downloadedAt: String?
    }

    /// A located problem: a warning at acceptance, or a reason the recipient's import refused the unit.
    struct Problem: Sendable {
        let file: String
        let row: String
        let item: String
        let message: String
        let code: String
    }

    struct Receipt: Sendable {
        /// 受付 / 受信 / 取込 / 取込不可 / 取り下げ / 期限切れ
        let event: String
        let time: String
        /// 事業所番号_種類 and login name of who caused it (ハブ for expiry).
        let by: String
        /// 署名を確認しました / 署名が一致しません
        let signature: String
        let signatureValid: Bool
        let json: String
    }

    var office: OfficeHeader
    let title: String
    let unit: Unit
    let files: [File]
    let message: String?
    /// Recipient: every file downloaded, the import can be reported (取込済).
    let canImport: Bool
    /// Recipient, not every file downloaded yet.
    let importHint: String?
    /// Sender: the recipient has downloaded nothing.
    let canWithdraw: Bool
    /// Sender: expired, files still kept, nothing of it downloaded.
    let canResend: Bool
    /// What happened, for the sender of an expired or withdrawn unit, or before expiry.
    let senderNotice: String?
    let expiresSoon: Bool
    let warnings: [Problem]
    let hasWarnings: Bool
    let problems: [Problem]
    let hasProblems: Bool
    let publicKey: String
    let receipts: [Receipt]
    /// The files are kept and may be read: the forms (帳票) and the ZIP of every file.
    let formsAvailable: Bool
    /// Recipient, not yet 受信済: opening the forms reads the files (as a download).
    let formsHint: String?
    /// Why PDF cannot be made on this hub (the print view still works); nil when it can.
    let pdfUnavailable: String?

    init(_ listed: ListedUnit, viewer office: Office, message: String?, hub: Hub, receipts: [(event: String, json: String)]) {
        let unit = listed.unit
        let isRecipient = unit.recipientOfficeID == office.id
        let status = DeliveryStatus(listed, viewerIsRecipient: isRecipient, hub: hub)
        self.office = OfficeHeader(office)
        let label = UnitLabel.text(listed.files)
        self.title = label
        self.unit = Unit(
            id: unit.id, label: label, timestamp: unit.timestamp, sender: OfficeLabel.text(listed.sender),
            recipient: OfficeLabel.text(listed.recipient), pattern: unit.pattern, stateClass: status.css, stateLabel: status.label,
            createdAt: JapanTime.string(unit.createdAt), downloadedAt: unit.downloadedAt.map(JapanTime.string),
            importReportedAt: unit.importReportedAt.map(JapanTime.string), withdrawnAt: unit.withdrawnAt.map(JapanTime.string),
            expiredAt: unit.expiredAt.map(JapanTime.string), expiresAt: status.expiresAt, previousUnitID: isRecipient ? nil : unit.previousUnitID)
        let downloadedAny = listed.downloadedFileCount > 0
        let filesKept = unit.filesPurgedAt == nil
        self.files = listed.files.map { file in
            File(
                unitID: unit.id, name: file.name, kind: FileKind(rawValue: file.kind)?.pageName ?? file.kind, size: file.size, sha256: file.sha256,
                sha256Short: String(file.sha256.prefix(16)), available: filesKept && (!isRecipient || unit.state.isLive),
                downloadedAt: file.downloadedAt.map(JapanTime.string))
        }
        self.message = message
        self.canImport = isRecipient && listed.isImportReportable
        self.importHint =
            isRecipient && unit.state == .accepted
            ? PageText.pick("すべてのファイルをダウンロードすると受信済になり、取込済にできます。", "Once every file is downloaded the unit is received and can be marked as imported.") : nil
        self.canWithdraw = !isRecipient && listed.isWithdrawable
        self.canResend = !isRecipient && listed.isResendable
        self.expiresSoon = !isRecipient && status.expiresSoon
        self.senderNotice = isRecipient ? nil : Self.senderNotice(unit, status: status, downloadedAny: downloadedAny, retention: hub.configuration.retention)
        self.warnings = (unit.decodedWarnings ?? []).prefix(200).map { warning in
            Problem(
                file: warning.file ?? "", row: warning.row.map(String.init) ?? "",
                item: ItemLabel.text(item: warning.item, name: warning.itemName),
                message: PageText.pick(warning.messageJA, warning.messageEN), code: warning.rule.rawValue)
        }
        self.hasWarnings = !self.warnings.isEmpty
        self.problems = (unit.decodedImportProblems ?? []).map { problem in
            Problem(
                file: problem.file ?? "", row: problem.row.map(String.init) ?? "",
                item: ItemLabel.text(item: problem.item, name: problem.itemName),
                message: problem.message, code: problem.code)
        }
        self.hasProblems = !self.problems.isEmpty
        self.publicKey = hub.signer.publicKey
        self.receipts = receipts.map { Self.receipt($0.event, json: $0.json, publicKey: hub.signer.publicKey) }
        self.formsAvailable = filesKept && (!isRecipient || unit.state.isLive)
        self.formsHint =
            self.formsAvailable && isRecipient && unit.state == .accepted
            ? PageText.pick("帳票を開くとファイルを受信したことになり、送信元に受信の受領証が届きます。", "Opening the forms receives the files: the sender gets the receipt of receipt.") : nil
        self.pdfUnavailable = hub.pdfPrinter.unavailableReason
    }

    /// What the sender should know about an unread, expired, withdrawn or refused unit.
    private static func senderNotice(_ unit: ExchangeUnit, status: DeliveryStatus, downloadedAny: Bool, retention: HubConfiguration.Retention) -> String? {
        switch unit.state {
        case .accepted:
            guard status.expiresSoon else { return nil }
            return PageText.pick(
                "送信先がまだすべてのファイルを受信していません。\(status.expiresAt ?? "")までに受信されないと期限切れになります。電話などで受信を依頼してください。",
                "The recipient has not received every file yet. Unless it does by \(status.expiresAt ?? ""), the unit expires; ask the office (by phone, say) to receive it.")
        case .expired:
            let expired = unit.expiredAt.map(JapanTime.string) ?? ""
            let keptUntil = unit.expiredAt.map { JapanTime.string($0 + retention.readDays * 86_400) } ?? ""
            return PageText.pick(
                "送信先が保存期間（\(Int(retention.unreadDays))日）内に受信しなかったため、\(expired)に期限切れになりました。",
                "The recipient did not receive it within the \(Int(retention.unreadDays)) days kept, so it expired on \(expired). ")
                + (downloadedAny
                    ? PageText.pick(
                        "送信先が一部のファイルを受信しているため、同じファイル連番は使えません。新しいファイル連番で送ってください。",
                        "The recipient downloaded some of its files, so its file sequence number cannot be used again: send with a new one.")
                    : unit.filesPurgedAt == nil
                        ? PageText.pick(
                            "ファイルは\(keptUntil)まで保管しています。「もう一度送る」で同じファイルを新しい送信単位として送れます。",
                            "The files are kept until \(keptUntil): “Send again” sends them as a new unit.")
                        : PageText.pick(
                            "ファイルは削除済みです。送信画面から同じファイルを送り直してください（同じファイル連番のまま送れます）。",
                            "The files are deleted. Send them again from the send page (the same file sequence number may be used)."))
        case .withdrawn:
            return PageText.pick(
                "\(unit.withdrawnAt.map(JapanTime.string) ?? "")に取り下げました。ファイルはハブから削除し、送信先の受信一覧からも消えています。同じファイル連番で送り直せます。",
                "Withdrawn on \(unit.withdrawnAt.map(JapanTime.string) ?? ""). The files are deleted from the hub and the unit has left the recipient's inbox. It may be sent again with the same file sequence number.")
        case .importRefused:
            return PageText.pick(
                "送信先のケアソフトが取り込めませんでした（取込不可）。下の理由を確認し、直したファイルを新しいファイル連番で送ってください。",
                "The recipient's care software could not import it (import refused). See the reasons below and send the corrected files with a new file sequence number.")
        case .downloaded, .imported:
            return nil
        }
    }

    private static let eventNames = [
        "accepted": ("受付", "Accepted"), "received": ("受信", "Received"), "imported": ("取込", "Imported"), "importRefused": ("取込不可", "Import refused"),
        "withdrawn": ("取り下げ", "Withdrawn"), "expired": ("期限切れ", "Expired"), "acknowledged": ("取込", "Imported"),
    ]

    /// A receipt as people read it: what, when, who, and whether the hub's signature holds.
    private static func receipt(_ event: String, json: String, publicKey: String) -> Receipt {
        let signed = try? SignedReceipt(json: json)
        let verified = signed.flatMap { try? ReceiptVerifier.verify($0, publicKey: publicKey) }
        let payload = verified ?? (try? signed?.decodedPayload())
        let time = payload.flatMap { ISO8601.seconds($0.time) }.map(JapanTime.string) ?? ""
        let by = payload.map { payload in
            payload.office == "hub" ? PageText.pick("ハブ", "The hub") : [payload.office, payload.account].compactMap { $0 }.joined(separator: " ")
        } ?? ""
        return Receipt(
            event: Self.eventNames[payload?.event ?? event].map { PageText.pick($0.0, $0.1) } ?? event, time: time, by: by,
            signature: verified != nil ? PageText.pick("署名を確認しました", "Signature verified") : PageText.pick("署名が一致しません", "Signature does not match"), signatureValid: verified != nil, json: json)
    }
}
