// CarePlan Link — CarePlanExchange

/// What a recipient's import tells the hub about one unit (`POST /api/v1/units/{id}/import`): applied (取込済) or
/// refused (取込不可) with the located problems.
public struct ImportReportRequest: Codable, Sendable, Hashable {
    /// `imported` or `refused`.
    public var outcome: Outcome
    public var problems: [ImportProblem]

    public enum Outcome: String, Codable, Sendable {
        case imported
        case refused
    }

    public init(outcome: Outcome, problems: [ImportProblem] = []) {
        self.outcome = outcome
        self.problems = problems
    }

    /// `problems` may be left out (`{"outcome": "imported"}`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.outcome = try container.decode(Outcome.self, forKey: .outcome)
        self.problems = try container.decodeIfPresent([ImportProblem].self, forKey: .problems) ?? []
    }

    /// At most this many problems are kept per report (the first ones, as the importer found them).
    public static let maxProblems = 100
}
