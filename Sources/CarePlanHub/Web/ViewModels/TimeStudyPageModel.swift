// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// `time-study.mustache`: タイムスタディ: the office's before/after minutes per task, as its model region's estimate uses them.
struct TimeStudyPageModel: Sendable {
    struct Row: Sendable {
        let key: String
        let label: String
        let before: String
        let after: String
        let times: String
    }

    var office: OfficeHeader
    let title = PageText.pick("タイムスタディ（業務時間の記録）", "Time study")
    let rows: [Row]
    let sheets: String
    let measuredOn: String
    /// 「月 340分の削減」 once stored.
    let saved: String?
    let canChange: Bool
    let stored: Bool
    let message: String?
    let error: String?

    init(office: Office, study: TimeStudy?, form: [String: String]? = nil, canChange: Bool, message: String? = nil, error: String? = nil) {
        self.office = OfficeHeader(office)
        func number(_ value: Double?) -> String { value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "" }
        self.rows = TimeStudy.taskKeys.map { key in
            let task = study?.tasks.first { $0.key == key }
            return Row(
                key: key, label: TimeStudy.label(key), before: form?["\(key).before"] ?? number(task?.minutesBefore),
                after: form?["\(key).after"] ?? number(task?.minutesAfter), times: form?["\(key).times"] ?? number(task?.timesPerMonth))
        }
        self.sheets = form?["sheets"] ?? number(study?.sheetsPerMonth)
        self.measuredOn = form?["measuredOn"] ?? study?.measuredOn ?? ""
        self.saved = study.map { study in
            let minutes = Int(study.minutesSavedPerMonth.rounded())
            return PageText.pick("導入後の削減：月\(minutes)分（年\(minutes * 12 / 60)時間）", "Saved since: \(minutes) min a month (\(minutes * 12 / 60) hours a year)")
        }
        self.canChange = canChange
        self.stored = study != nil
        self.message = message
        self.error = error.map(PageText.side)
    }
}
