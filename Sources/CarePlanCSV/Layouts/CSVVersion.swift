// CarePlan Link — CarePlanCSV

/// CSVバージョン: column 1 of every record, naming the layout the file follows.
public enum CSVVersion: String, CaseIterable, Codable, Sendable, Comparable {
    /// 第1版 (2019-05), applies from service month 2020-03.
    case v201910 = "201910"
    /// 第2版 (2020-03), applies from 2020-10.
    case v202003 = "202003"
    /// 第3版–3.2 (2022-08 … 2023-06), applies from 2023-01.
    case v202208 = "202208"
    /// 第4.1版 (2024-10), the current version, applies from 2025-04. Its value is the 4.0 issue month.
    case v202407 = "202407"
    /// 第4.0版 (2024-07): same layouts as 4.1, but file names carried a 3-digit service code.
    case v202504 = "202504"

    /// The version we write.
    public static let current = CSVVersion.v202407

    /// Values that are an edition's issue month rather than its CSVバージョン, with the version that edition defines:
    /// 第4.1版 was issued in 2024-10, and software that took its date for the version writes `202410`.
    public static let issueMonths: [String: CSVVersion] = ["202410": .v202407]

    /// `第4.1版`, for messages.
    var specEdition: String { "第\(self.edition)版" }

    /// The edition (版) of the spec that introduced this value.
    public var edition: String {
        switch self {
        case .v201910: "1"
        case .v202003: "2"
        case .v202208: "3.x"
        case .v202504: "4.0"
        case .v202407: "4.1"
        }
    }

    /// 適用開始: the first service month the version applies to.
    public var applicableFrom: YearMonth {
        switch self {
        case .v201910: YearMonth(year: 2020, month: 3)!
        case .v202003: YearMonth(year: 2020, month: 10)!
        case .v202208: YearMonth(year: 2023, month: 1)!
        case .v202504, .v202407: YearMonth(year: 2025, month: 4)!
        }
    }

    /// Whether this is a 3.x-family layout (no 第3表, no 介護予防 files, no TAIS items in 第6/7表).
    public var isVersion3Family: Bool { self == .v201910 || self == .v202003 || self == .v202208 }

    /// Versions ordered by edition rather than by value (202407 came after 202504).
    public static func < (lhs: CSVVersion, rhs: CSVVersion) -> Bool { lhs.order < rhs.order }

    private var order: Int {
        switch self {
        case .v201910: 0
        case .v202003: 1
        case .v202208: 2
        case .v202504: 3
        case .v202407: 4
        }
    }
}
