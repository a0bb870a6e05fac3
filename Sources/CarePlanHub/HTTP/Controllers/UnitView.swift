// CarePlan Link — CarePlanHub
import CarePlanCSV

/// A send unit as the API shows it to its sender or recipient.
struct UnitView: Codable, Sendable {
    let id: String
    /// 送信元 `事業所番号_種類`
    let sender: String
    /// 送信先 `事業所番号_種類`
    let recipient: String
    /// ファイル連番
    let timestamp: String
    let pattern: String
    /// accepted / downloaded / acknowledged / expired
    let state: String
    /// 受付済 / 受信済 / 取込済 / 期限切れ
    let stateLabel: String
    let createdAt: String
    let downloadedAt: String?
    let acknowledgedAt: String?
    let filesPurgedAt: String?
    let files: [File]

    struct File: Codable, Sendable {
        let name: String
        let kind: String
        let sha256: String
        let size: Int
    }

    init(_ unit: ExchangeUnit, sender: Office?, recipient: Office?, files: [UnitFile]) {
        self.id = unit.id
        self.sender = sender?.officeID.description ?? ""
        self.recipient = recipient?.officeID.description ?? ""
        self.timestamp = unit.timestamp
        self.pattern = unit.pattern
        self.state = unit.state.rawValue
        self.stateLabel = unit.state.japanese
        self.createdAt = ISO8601.string(unit.createdAt)
        self.downloadedAt = unit.downloadedAt.map(ISO8601.string)
        self.acknowledgedAt = unit.acknowledgedAt.map(ISO8601.string)
        self.filesPurgedAt = unit.filesPurgedAt.map(ISO8601.string)
        self.files = files.map { File(name: $0.name, kind: $0.kind, sha256: $0.sha256, size: $0.size) }
    }
}

/// A page of units with the cursor for the next page.
struct UnitPage: Codable, Sendable {
    let units: [UnitView]
    /// Pass as `cursor` to get the next page; nil when this page is the last.
    let nextCursor: String?
}

/// The answer to an upload: the unit and the hub's signed receipt.
struct UploadResult: Codable, Sendable {
    let unit: UnitView
    let receipt: SignedReceipt
    /// false when the identical unit had been uploaded before (nothing new was stored).
    let created: Bool
}
