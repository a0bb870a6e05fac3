// CarePlan Link — CarePlanExchange
import Foundation

/// 今月の連携: for one office and one 対象年月, every user × partner with the state of the 利用票 (第6・7表), whether the
/// 実績 came back, the differences between 予定 and 実績, and whether the partner has the latest plan
/// (`GET /api/v1/month?month=YYYYMM`, `careplan month`). Only units the office sent or received are read, and of a
/// 第6表 only the partner's own rows are compared.
public struct MonthView: Codable, Sendable, Hashable {
    /// 対象年月 YYYYMM
    public var month: String
    /// The office the overview is for (`事業所番号_種類`).
    public var office: String
    public var rows: [Row]

    public init(month: String, office: String, rows: [Row]) {
        self.month = month
        self.office = office
        self.rows = rows
    }

    /// One user with one partner. A unit the office has not read yet (an unread 利用票 at a provider) is one row
    /// without a user: its users show once it is received.
    public struct Row: Codable, Sendable, Hashable {
        /// The partner (`事業所番号_種類`) and its name in words.
        public var partner: String
        public var partnerName: String
        /// 保険者番号, 被保険者番号 and 氏名 (from 利用者補足情報); nil while the unit is unread.
        public var insurerNumber: String?
        public var insuredNumber: String?
        public var userName: String?
        /// The newest 利用票 of the month between the office and the partner that holds this user.
        public var plan: Delivery?
        /// The newest 実績 of the month for this user between them.
        public var results: Delivery?
        /// Whether the partner has received the newest 利用票 (nil without one).
        public var partnerHasLatestPlan: Bool?
        /// What changed from the 利用票 the partner has to the newest one, in the forms' words.
        public var planChanges: [String]?
        /// 予定 vs 実績, the partner's rows only (nil until both are at hand: a 実績 not yet received is not read).
        public var differences: [Difference]?

        public init(
            partner: String, partnerName: String, insurerNumber: String? = nil, insuredNumber: String? = nil, userName: String? = nil,
            plan: Delivery? = nil, results: Delivery? = nil, partnerHasLatestPlan: Bool? = nil, planChanges: [String]? = nil,
            differences: [Difference]? = nil
        ) {
            self.partner = partner
            self.partnerName = partnerName
            self.insurerNumber = insurerNumber
            self.insuredNumber = insuredNumber
            self.userName = userName
            self.plan = plan
            self.results = results
            self.partnerHasLatestPlan = partnerHasLatestPlan
            self.planChanges = planChanges
            self.differences = differences
        }
    }

    /// A unit of the row and where it stands, or a delivery on paper to a partner not on the network.
    public struct Delivery: Codable, Sendable, Hashable {
        /// Empty for paper.
        public var unitID: String
        /// `sent` by the office, `received` from the partner, or `paper`.
        public var direction: String
        /// The unit's state (accepted, downloaded, imported, importRefused, expired), or on paper fax, mail, hand.
        public var state: String
        /// In the words of the office looking: 受付済（相手は未読）, 受信済, 取込済, …
        public var stateLabel: String
        /// ISO 8601 UTC
        public var sentAt: String

        public init(unitID: String, direction: String, state: String, stateLabel: String, sentAt: String) {
            self.unitID = unitID
            self.direction = direction
            self.state = state
            self.stateLabel = stateLabel
            self.sentAt = sentAt
        }
    }

    /// One difference of 予定 and 実績.
    public struct Difference: Codable, Sendable, Hashable {
        /// missing, extra, timeDiffers, countDiffers, noResults
        public var kind: String
        /// 予定あり・実績なし, 実績のみ, 時間相違, 回数相違, 実績未受信
        public var kindLabel: String
        public var serviceCode: String
        /// 日 (nil for noResults)
        public var day: Int?
        public var planned: String
        public var actual: String

        public init(kind: String, kindLabel: String, serviceCode: String, day: Int?, planned: String, actual: String) {
            self.kind = kind
            self.kindLabel = kindLabel
            self.serviceCode = serviceCode
            self.day = day
            self.planned = planned
            self.actual = actual
        }
    }
}

extension MonthView {
    /// RFC 4180 CSV, UTF-8 with a BOM (spreadsheet software reads the Japanese headers), one line per row and
    /// difference.
    public var csv: String {
        var text = "\u{FEFF}対象年月,連携先,連携先名,保険者番号,被保険者番号,利用者名,利用票,利用票の状態,相手は最新版,実績,実績の状態,相違,日,サービスコード,予定,実績内容\r\n"
        for row in self.rows {
            let head = [
                self.month, row.partner, row.partnerName, row.insurerNumber ?? "", row.insuredNumber ?? "", row.userName ?? "",
                row.plan?.unitID ?? "", row.plan?.stateLabel ?? "", row.partnerHasLatestPlan.map { $0 ? "はい" : "いいえ" } ?? "",
                row.results?.unitID ?? "", row.results?.stateLabel ?? "",
            ]
            let differences = row.differences ?? []
            if differences.isEmpty {
                text += (head + [row.differences == nil ? "" : "なし", "", "", "", ""]).map(Self.quoted).joined(separator: ",") + "\r\n"
            }
            for difference in differences {
                let tail = [difference.kindLabel, difference.day.map(String.init) ?? "", difference.serviceCode, difference.planned, difference.actual]
                text += (head + tail).map(Self.quoted).joined(separator: ",") + "\r\n"
            }
        }
        return text
    }

    /// RFC 4180 quoting; a field that a spreadsheet would read as a formula (= + - @, tab, CR first) gets a leading
    /// `'`, since names come from partners' files and typed-in names.
    private static func quoted(_ field: String) -> String {
        let field = field.first.map { "=+-@\t\r".contains($0) } == true ? "'" + field : field
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
