// CarePlan Link — CarePlanHub
import Foundation

/// 削減効果の試算: what exchanging online instead of by FAX or post saves an office in a year, from parameters the
/// municipality edits (the hub's defaults until it does). The formula is shown beside the result, and the national
/// estimate is a labelled reference, not an input.
struct SavingsEstimate: Sendable {
    /// 試算の前提
    struct Parameters: Codable, Sendable, Hashable {
        /// 1枚あたりの作業時間（FAX・郵送）, minutes: print, send, file and re-type one sheet.
        var minutesOnPaper: Double = 6
        /// 1枚あたりの作業時間（データ連携）, minutes.
        var minutesOnline: Double = 1
        /// 月あたりの枚数 per office.
        var sheetsPerMonth: Double = 120
        /// 時給（人件費）, yen.
        var hourlyCost: Double = 2_000
        /// 1枚あたりの送付費（FAX通信費・郵送料・用紙）, yen.
        var costPerSheet: Double = 20

        init() {}

        /// The parameters of the estimate form (field names as the properties'); full-width digits are read as digits.
        /// Nil when a field is missing or not a number.
        init?(form: [String: String]) {
            func value(_ name: String) -> Double? {
                form[name].flatMap { Double($0.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)) }
            }
            guard let paper = value("minutesOnPaper"), let online = value("minutesOnline"), let sheets = value("sheetsPerMonth"),
                let hourly = value("hourlyCost"), let perSheet = value("costPerSheet")
            else { return nil }
            (self.minutesOnPaper, self.minutesOnline, self.sheetsPerMonth, self.hourlyCost, self.costPerSheet) = (paper, online, sheets, hourly, perSheet)
        }

        /// The bounds every value must keep (a year has at most 10,000 sheets a month per office; nothing negative).
        var problem: String? {
            let values = [self.minutesOnPaper, self.minutesOnline, self.sheetsPerMonth, self.hourlyCost, self.costPerSheet]
            if values.contains(where: { !$0.isFinite || $0 < 0 }) { return "0以上の数を入力してください / enter numbers of 0 or more" }
            if self.minutesOnPaper > 600 || self.minutesOnline > 600 { return "作業時間は600分までです / at most 600 minutes a sheet" }
            if self.sheetsPerMonth > 10_000 { return "枚数は月10,000枚までです / at most 10,000 sheets a month" }
            if self.hourlyCost > 100_000 || self.costPerSheet > 10_000 { return "金額が大きすぎます / the amount is too large" }
            return nil
        }
    }

    /// 全国の試算: 816,000 yen per office per year (介護保険最新情報 Vol.1096).
    static let nationalYenPerOfficeYear = 816_000

    let parameters: Parameters
    /// Offices the total counts (the region's active ones).
    let offices: Int
    /// The time studies of those of them that entered one: each counts with its own minutes and sheets.
    let studies: [TimeStudy]

    init(parameters: Parameters, offices: Int, studies: [TimeStudy] = []) {
        self.parameters = parameters
        self.offices = offices
        self.studies = Array(studies.prefix(offices))
    }

    /// Minutes saved per office per year.
    var minutesPerOfficeYear: Double { 12 * self.parameters.sheetsPerMonth * max(0, self.parameters.minutesOnPaper - self.parameters.minutesOnline) }

    /// 年間削減額 per office: 12 × 枚数 × ((紙の分数 − 連携の分数) ÷ 60 × 時給 + 送付費).
    var yenPerOfficeYear: Int {
        let perSheet = max(0, self.parameters.minutesOnPaper - self.parameters.minutesOnline) / 60 * self.parameters.hourlyCost + self.parameters.costPerSheet
        return Int((12 * self.parameters.sheetsPerMonth * perSheet).rounded())
    }

    /// The offices without a study at the defaults, those with one at their own figures.
    var yenTotal: Int {
        let measured = self.studies.reduce(0) { $0 + $1.yenPerYear(hourlyCost: self.parameters.hourlyCost, costPerSheet: self.parameters.costPerSheet) }
        return measured + self.yenPerOfficeYear * (self.offices - self.studies.count)
    }

    var hoursTotal: Int {
        let measured = self.studies.reduce(0) { $0 + 12 * $1.minutesSavedPerMonth }
        return Int(((measured + self.minutesPerOfficeYear * Double(self.offices - self.studies.count)) / 60).rounded())
    }

    /// The parameters a region stored, or the defaults (also when what is stored cannot be read).
    static func parameters(stored json: String?) -> Parameters {
        guard let json, let parameters = try? JSONDecoder().decode(Parameters.self, from: Data(json.utf8)) else { return Parameters() }
        return parameters
    }
}
