// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `unit.mustache`: one send unit with its files and receipts.
struct UnitPageModel: Sendable {
    struct Unit: Sendable {
        let id: String
        /// ファイル連番
        let timestamp: String
        /// 送信元 / 送信先 `事業所番号_種類`
        let sender: String
        let recipient: String
        let pattern: String
        let state: String
        let stateLabel: String
        /// Japan time; 受信日時 and 取込日時 absent until they happen.
        let createdAt: String
        let downloadedAt: String?
        let acknowledgedAt: String?
    }

    struct File: Sendable {
        let unitID: String
        let name: String
        /// The kind's Japanese name (e.g. サービス利用票).
        let kind: String
        let size: Int
        let sha256: String
        let sha256Short: String
        /// False once the retention job deleted the bodies.
        let available: Bool
    }

    struct Receipt: Sendable {
        let event: String
        let time: String
        let json: String
    }

    let office: OfficeHeader
    let title: String
    let unit: Unit
    let files: [File]
    let canAcknowledge: Bool
    let message: String?
    let publicKey: String
    let receipts: [Receipt]

    init(_ listed: ListedUnit, viewer office: Office, message: String?, publicKey: String) {
        let unit = listed.unit
        self.office = OfficeHeader(office)
        self.title = "送信単位 \(unit.timestamp)"
        self.unit = Unit(
            id: unit.id, timestamp: unit.timestamp, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description,
            pattern: unit.pattern, state: unit.state.rawValue, stateLabel: unit.state.japanese, createdAt: JapanTime.string(unit.createdAt),
            downloadedAt: unit.downloadedAt.map(JapanTime.string), acknowledgedAt: unit.acknowledgedAt.map(JapanTime.string))
        self.files = listed.files.map { file in
            File(
                unitID: unit.id, name: file.name, kind: FileKind(rawValue: file.kind)?.japaneseName ?? file.kind, size: file.size, sha256: file.sha256,
                sha256Short: String(file.sha256.prefix(16)), available: unit.filesPurgedAt == nil)
        }
        self.canAcknowledge = unit.recipientOfficeID == office.id && unit.state != .acknowledged && unit.state != .expired
        self.message = message
        self.publicKey = publicKey
        var receipts = [Receipt(event: "受付（accepted）", time: JapanTime.string(unit.createdAt), json: unit.acceptanceReceipt)]
        if let ack = unit.acknowledgementReceipt {
            receipts.append(Receipt(event: "取込（acknowledged）", time: unit.acknowledgedAt.map(JapanTime.string) ?? "", json: ack))
        }
        self.receipts = receipts
    }
}
