// CarePlan Link — CarePlanHub
import Foundation

/// タイムスタディ: an office's own before/after measurement of the work the exchange changes, in minutes per task and
/// times a month, and the sheets it no longer sends by FAX or post. Where an office has one, the region's estimate
/// uses it instead of the municipality's per-sheet defaults (the hourly cost and the cost a sheet stay the region's).
struct TimeStudy: Codable, Sendable, Hashable {
    /// 作業
    struct Task: Codable, Sendable, Hashable {
        /// One of ``TimeStudy/taskKeys``.
        var key: String
        /// 導入前の1回あたりの分数
        var minutesBefore: Double
        /// 導入後の1回あたりの分数
        var minutesAfter: Double
        /// 月あたりの回数
        var timesPerMonth: Double
    }

    var tasks: [Task]
    /// FAX・郵送していた月あたりの枚数 (now sent online).
    var sheetsPerMonth: Double
    /// 測定日 (Japan date, as entered).
    var measuredOn: String

    /// 200 hours: the most work before the exchange one office's study may claim a month.
    static let maxMinutesBeforePerMonth = 12_000.0

    /// The tasks the form asks about, in its order.
    static let taskKeys = ["sendPlans", "receiveResults", "reconcile", "filing"]

    /// 「計画・利用票の送付（印刷・FAX・郵送）」 etc.
    static func label(_ key: String) -> String {
        switch key {
        case "sendPlans": PageText.pick("計画・利用票の送付（印刷・FAX・郵送）", "Sending plans and service-use sheets (print, FAX, post)")
        case "receiveResults": PageText.pick("実績の受け取りと転記", "Receiving results and typing them in")
        case "reconcile": PageText.pick("予定と実績の照合", "Checking results against the plan")
        default: PageText.pick("書類の整理・保管", "Filing and keeping papers")
        }
    }

    /// Minutes saved a month: Σ 回数 × (導入前 − 導入後), a task that got slower counting as none.
    var minutesSavedPerMonth: Double { self.tasks.reduce(0) { $0 + $1.timesPerMonth * max(0, $1.minutesBefore - $1.minutesAfter) } }

    /// 年間削減額: 12 × (削減分数 ÷ 60 × 時給 + 枚数 × 1枚あたりの送付費).
    func yenPerYear(hourlyCost: Double, costPerSheet: Double) -> Int {
        Int((12 * (self.minutesSavedPerMonth / 60 * hourlyCost + self.sheetsPerMonth * costPerSheet)).rounded())
    }

    /// The study of the form (`sendPlans.before`, `sendPlans.after`, `sendPlans.times`, …, `sheets`, `measuredOn`);
    /// full-width digits are read as digits, an empty task row is no task.
    /// - Throws: ``ExchangeError`` naming the first field that is not a number within bounds.
    init(form: [String: String]) throws {
        func number(_ name: String) -> Double? {
            let text = (form[name] ?? "").precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : Double(text)
        }
        func checked(_ name: String, _ value: Double?, limit: Double) throws -> Double {
            guard let value, value.isFinite, value >= 0, value <= limit else {
                throw ExchangeError(
                    .malformed, "timeStudy.value", "0以上\(Int(limit))以下の数を入力してください（\(name)） / enter a number from 0 to \(Int(limit)) (\(name))")
            }
            return value
        }
        var tasks: [Task] = []
        for key in Self.taskKeys {
            let raw = ["before", "after", "times"].map { form["\(key).\($0)"]?.trimmingCharacters(in: .whitespaces) ?? "" }
            if raw.allSatisfy(\.isEmpty) { continue }
            tasks.append(
                Task(
                    key: key, minutesBefore: try checked("\(key).before", number("\(key).before"), limit: 600),
                    minutesAfter: try checked("\(key).after", number("\(key).after"), limit: 600),
                    timesPerMonth: try checked("\(key).times", number("\(key).times"), limit: 10_000)))
        }
        // 200 hours a month of the old work is more than one office's whole exchange; more is a slip (minutes a month
        // typed as minutes a time), which would swell the region's estimate.
        let before = tasks.reduce(0) { $0 + $1.timesPerMonth * $1.minutesBefore }
        guard before <= Self.maxMinutesBeforePerMonth else {
            throw ExchangeError(
                .malformed, "timeStudy.implausible",
                "導入前の作業が月\(Int(before / 60))時間になります。分は1回あたり、回数は月あたりで入力してください（上限は月200時間） / the work before adds up to \(Int(before / 60)) hours a month; give minutes per occurrence and times a month (at most 200 hours)")
        }
        guard !tasks.isEmpty else {
            throw ExchangeError(.malformed, "timeStudy.empty", "少なくとも1つの作業の時間を入力してください / enter the minutes of at least one task")
        }
        self.tasks = tasks
        self.sheetsPerMonth = try checked("sheets", number("sheets") ?? 0, limit: 10_000)
        let date = (form["measuredOn"] ?? "").trimmingCharacters(in: .whitespaces)
        guard date.isEmpty || JapanDate.start(date) != nil else {
            throw ExchangeError(.malformed, "timeStudy.date", "日付は 2026-12-01 の形で入力してください / give dates as 2026-12-01")
        }
        self.measuredOn = date
    }

    init(tasks: [Task], sheetsPerMonth: Double, measuredOn: String) {
        self.tasks = tasks
        self.sheetsPerMonth = sheetsPerMonth
        self.measuredOn = measuredOn
    }

    /// The stored study, nil when what is stored cannot be read.
    static func decode(_ json: String?) -> TimeStudy? {
        json.flatMap { try? JSONDecoder().decode(TimeStudy.self, from: Data($0.utf8)) }
    }

    var json: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self) }
}
