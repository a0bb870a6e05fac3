// CarePlan Link — CarePlanExchange
public import CarePlanCSV

/// The answer of `POST /api/v1/batches`: a month's export (many send units to many partners) checked, or sent, unit by
/// unit. Each unit is stored whole or not at all; one refused unit does not stop the others.
public struct BatchResult: Codable, Sendable {
    /// True for `?dryRun=true`: everything was checked, nothing stored.
    public var dryRun: Bool
    public var units: [Item]

    public init(dryRun: Bool, units: [Item]) {
        self.dryRun = dryRun
        self.units = units
    }

    public struct Item: Codable, Sendable {
        /// `送信元 → 送信先 @ ファイル連番`, or the file name when it names no unit.
        public var key: String
        public var files: [String]
        /// `valid` (dry run: would be sent), `created`, `existing` (the identical unit was sent before), `refused`.
        public var status: String
        /// 送信先 in words, when the hub knows it.
        public var recipientName: String?
        /// What the unit is (「2025年6月分 サービス利用票・別表」).
        public var label: String?
        /// 対象年月 (YYYYMM) and the number of users, for the preview.
        public var months: [String]?
        public var users: Int?
        /// Why the unit was refused (the API's error body, details redacted).
        public var error: ErrorEnvelope.Body?
        /// The stored unit and its acceptance receipt (`created`, `existing`).
        public var unit: UnitView?
        public var receipt: SignedReceipt?
        /// The refusal's problems unredacted, for the sender's own page only: never encoded (not in `CodingKeys`),
        /// so no API answer and nothing stored carries them.
        public var senderDetails: [Diagnostic]?

        enum CodingKeys: String, CodingKey {
            case key, files, status, recipientName, label, months, users, error, unit, receipt
        }

        public init(
            key: String, files: [String], status: String, recipientName: String? = nil, label: String? = nil, months: [String]? = nil, users: Int? = nil,
            error: ErrorEnvelope.Body? = nil, unit: UnitView? = nil, receipt: SignedReceipt? = nil
        ) {
            self.key = key
            self.files = files
            self.status = status
            self.recipientName = recipientName
            self.label = label
            self.months = months
            self.users = users
            self.error = error
            self.unit = unit
            self.receipt = receipt
        }
    }
}
