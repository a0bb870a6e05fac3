// CarePlan Link — CarePlanHub

/// The dashboard's chart of units per month by kind, as inline SVG drawn by the template from these numbers (stacked
/// bars, April to March). The same numbers are in the table beside it, for screen readers and for copying.
struct RegionChart: Sendable {
    struct Bar: Sendable {
        let x: Int
        let y: Int
        let width: Int
        let height: Int
        let colour: String
        /// 「2026年5月 利用票・別表 12件」, the bar's tooltip.
        let title: String
    }

    struct Label: Sendable {
        let x: Int
        let text: String
    }

    struct Line: Sendable {
        let y: Int
        let text: String
    }

    struct Legend: Sendable {
        let colour: String
        let text: String
    }

    let width = 720
    let height = 260
    /// Where the bars stand (their bottom).
    let baseline = 220
    let bars: [Bar]
    let labels: [Label]
    /// Horizontal grid lines with their values.
    let lines: [Line]
    let legend: [Legend]
    /// 「月別の送信単位の棒グラフ」 with the year, for the SVG's title.
    let title: String

    init(months: [RegionDashboard.Month], title: String) {
        self.title = title
        let top = max(1, months.map(\.total).max() ?? 0)
        // A round step for the grid: 1, 2, 5, 10, 20, 50 …
        var step = 1
        while top / step > 4 { step = Self.next(step) }
        let ceiling = ((top + step - 1) / step) * step
        let plot = Double(self.baseline - 20)
        let slot = (self.width - 60) / max(1, months.count)
        var bars: [Bar] = []
        var labels: [Label] = []
        for (index, month) in months.enumerated() {
            let x = 50 + index * slot + slot / 6
            var y = self.baseline
            for kind in ExchangeKind.allCases {
                let count = month.units[kind] ?? 0
                guard count > 0 else { continue }
                let height = max(1, Int((Double(count) / Double(ceiling) * plot).rounded()))
                y -= height
                bars.append(
                    Bar(
                        x: x, y: y, width: slot * 2 / 3, height: height, colour: kind.colour,
                        title: "\(RegionChart.monthLabel(month.month)) \(PageText.pick(kind.japanese, kind.english)) \(count)\(PageText.pick("件", ""))"))
            }
            labels.append(Label(x: x + slot / 3, text: RegionChart.shortMonth(month.month)))
        }
        self.bars = bars
        self.labels = labels
        let baseline = self.baseline
        self.lines = stride(from: 0, through: ceiling, by: step).map { value in
            Line(y: baseline - Int((Double(value) / Double(ceiling) * plot).rounded()), text: String(value))
        }
        self.legend = ExchangeKind.allCases.map { Legend(colour: $0.colour, text: PageText.pick($0.japanese, $0.english)) }
    }

    /// 「2026年5月」 / "May 2026"
    static func monthLabel(_ yyyymm: String) -> String {
        let year = yyyymm.prefix(4)
        let month = Int(yyyymm.suffix(2)) ?? 0
        return PageText.pick("\(year)年\(month)月", "\(Self.englishMonths[max(0, min(11, month - 1))]) \(year)")
    }

    /// 「5月」 / "May"
    static func shortMonth(_ yyyymm: String) -> String {
        let month = Int(yyyymm.suffix(2)) ?? 0
        return PageText.pick("\(month)月", Self.englishMonths[max(0, min(11, month - 1))])
    }

    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func power(_ value: Int) -> Int {
        var power = 1
        while power * 10 <= value { power *= 10 }
        return power
    }

    /// 1 → 2 → 5 → 10 → 20 …
    private static func next(_ step: Int) -> Int {
        let power = Self.power(step)
        switch step / power {
        case 1: return 2 * power
        case 2: return 5 * power
        default: return 10 * power
        }
    }
}
