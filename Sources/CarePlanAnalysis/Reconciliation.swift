// CarePlan Link — CarePlanAnalysis
public import CarePlanCSV
import Foundation

/// 予定 vs 実績: for one month, the care manager's 第6表 as sent to each provider against the 実績 that provider sent
/// back, per user, service and day.
public struct Reconciliation: Sendable {
    public var month: String
    public var lines: [Line]

    public struct Line: Sendable, Hashable {
        public enum Kind: String, Sendable, CaseIterable {
            /// 予定あり・実績なし
            case missing
            /// 実績のみ（予定なし）
            case extra
            /// 時間が異なる
            case timeDiffers
            /// 回数が異なる
            case countDiffers
            /// この事業所から当月の実績を受け取っていない
            case noResults

            public var japanese: String {
                switch self {
                case .missing: "予定あり・実績なし"
                case .extra: "実績のみ"
                case .timeDiffers: "時間相違"
                case .countDiffers: "回数相違"
                case .noResults: "実績未受信"
                }
            }
        }

        public var kind: Kind
        /// 保険者番号
        public var insurerNumber: String
        /// 被保険者番号
        public var insuredNumber: String
        /// 利用者名 (from 利用者補足情報, when sent)
        public var userName: String
        /// 事業所 as the hub names it (事業所番号_種類)
        public var provider: String
        /// サービスコード (empty for noResults)
        public var serviceCode: String
        /// 日 (0 for noResults)
        public var day: Int
        /// e.g. `0900-1000 ×1`
        public var planned: String
        public var actual: String

        public init(
            kind: Kind, insurerNumber: String, insuredNumber: String, userName: String, provider: String, serviceCode: String, day: Int, planned: String,
            actual: String
        ) {
            self.kind = kind
            self.insurerNumber = insurerNumber
            self.insuredNumber = insuredNumber
            self.userName = userName
            self.provider = provider
            self.serviceCode = serviceCode
            self.day = day
            self.planned = planned
            self.actual = actual
        }
    }

    public init(month: String, lines: [Line]) {
        self.month = month
        self.lines = lines
    }

    /// Compares each 第6表 in `plans` (sent by a care manager to a provider, for one user) with the 実績 in `results`
    /// that provider sent back for the same user: the provider's rows only, by service code and day.
    public static func compare(month: String, plans: [PlanRows], results: [PlanRows]) -> Reconciliation {
        var lines: [Line] = []
        for plan in plans.sorted(by: { ($0.insuredNumber, $0.recipient) < ($1.insuredNumber, $1.recipient) }) {
            let provider = plan.recipient
            let parts = provider.split(separator: "_")
            let number = String(parts.first ?? "")
            let type = parts.count > 1 ? String(parts[1]) : ""
            let planned = Self.entries(plan.records(ServiceUsePlanRecord.self).map { $0 as any CarePlanRecord }, number: number, type: type)
            guard !planned.isEmpty else { continue }
            let result = results.first {
                $0.sender == provider && $0.recipient == plan.sender && $0.insurerNumber == plan.insurerNumber && $0.insuredNumber == plan.insuredNumber
            }
            func line(_ kind: Line.Kind, _ code: String, _ day: Int, _ planned: String, _ actual: String) -> Line {
                Line(
                    kind: kind, insurerNumber: plan.insurerNumber, insuredNumber: plan.insuredNumber, userName: plan.userName ?? "",
                    provider: provider, serviceCode: code, day: day, planned: planned, actual: actual)
            }
            guard let result else {
                lines.append(line(.noResults, "", 0, "\(planned.count)日分", ""))
                continue
            }
            let actual = Self.entries(result.records(ServiceResultsRecord.self).map { $0 as any CarePlanRecord }, number: number, type: type)
            for slot in Set(planned.keys).union(actual.keys).sorted(by: { ($0.day, $0.code) < ($1.day, $1.code) }) {
                let plannedVisits = planned[slot] ?? []
                let actualVisits = actual[slot] ?? []
                let plannedText = plannedVisits.map(\.description).joined(separator: " / ")
                let actualText = actualVisits.map(\.description).joined(separator: " / ")
                if actualVisits.isEmpty {
                    lines.append(line(.missing, slot.code, slot.day, plannedText, ""))
                } else if plannedVisits.isEmpty {
                    lines.append(line(.extra, slot.code, slot.day, "", actualText))
                } else if plannedVisits.map(\.times) != actualVisits.map(\.times) {
                    lines.append(line(.timeDiffers, slot.code, slot.day, plannedText, actualText))
                } else if plannedVisits.map(\.count) != actualVisits.map(\.count) {
                    lines.append(line(.countDiffers, slot.code, slot.day, plannedText, actualText))
                }
            }
        }
        return Reconciliation(month: month, lines: lines)
    }

    struct DaySlot: Hashable {
        let code: String
        let day: Int
    }

    struct Visit: Hashable, CustomStringConvertible {
        let start: String
        let end: String
        let count: Int
        var times: String { "\(self.start)-\(self.end)" }
        var description: String { (self.start == "9999" ? "時間指定なし" : self.times) + " ×\(self.count)" }
    }

    /// The provider's rows by service code and day (rows of other offices in the same 第6表 are left out).
    private static func entries(_ records: [any CarePlanRecord], number: String, type: String) -> [DaySlot: [Visit]] {
        var result: [DaySlot: [Visit]] = [:]
        for (slot, days) in ServiceDays.group(records) where slot.providerOfficeCode == number && (type.isEmpty || slot.serviceCode.hasPrefix(type)) {
            for (day, count) in days {
                result[DaySlot(code: slot.serviceCode, day: day), default: []].append(Visit(start: slot.start, end: slot.end, count: count))
            }
        }
        return result.mapValues { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
    }

    // MARK: Output

    /// A table for the terminal.
    public var table: String {
        guard !self.lines.isEmpty else { return "\(self.month): 予定と実績は一致しています / plans and results agree" }
        var text = "対象年月 \(self.month): \(self.lines.count)件の相違 / \(self.lines.count) difference(s)\n"
        text += "区分\t被保険者番号\t利用者名\t事業所\tサービスコード\t日\t予定\t実績\n"
        for line in self.lines {
            text += "\(line.kind.japanese)\t\(line.insuredNumber)\t\(line.userName)\t\(line.provider)\t\(line.serviceCode)\t\(line.day == 0 ? "" : String(line.day))\t\(line.planned)\t\(line.actual)\n"
        }
        return text
    }

    /// RFC 4180 CSV (UTF-8 with BOM so that spreadsheet software reads the Japanese headers).
    public var csv: String {
        var text = "\u{FEFF}区分,kind,保険者番号,被保険者番号,利用者名,事業所,サービスコード,日,予定,実績\r\n"
        for line in self.lines {
            let fields = [
                line.kind.japanese, line.kind.rawValue, line.insurerNumber, line.insuredNumber, line.userName, line.provider, line.serviceCode,
                line.day == 0 ? "" : String(line.day), line.planned, line.actual,
            ]
            text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
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
