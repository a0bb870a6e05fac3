// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import Foundation

/// ヘルプ: the help pages' text (Resources/help/*.json, Japanese and English side by side): the first steps, the FAQ,
/// one entry per validator rule and import code, one per error code the hub answers. Read and checked once when the
/// router is built: a rule without its page stops the hub, as a template without its English does.
struct HelpCatalog: Sendable {
    /// One validator rule (`field.required`) or import code (`import.sequenceConflict`): an example and what to change.
    struct RuleEntry: Decodable, Sendable {
        let id: String
        /// A fragment that breaks the rule (a file name, a record), empty when it cannot be shown as text.
        let bad: String
        /// The same fragment corrected.
        let good: String
        let example_ja: String
        let example_en: String
        let fix_ja: String
        let fix_en: String
    }

    /// One error code of the hub's answers (`unit.invalid`, `licence.expired`).
    struct ErrorEntry: Decodable, Sendable {
        let code: String
        /// The HTTP status the API answers with it.
        let status: Int
        let when_ja: String
        let when_en: String
        let fix_ja: String
        let fix_en: String
    }

    struct Question: Decodable, Sendable {
        let id: String
        let q_ja: String
        let a_ja: String
        let q_en: String
        let a_en: String
    }

    struct Step: Decodable, Sendable {
        let id: String
        let title_ja: String
        let body_ja: String
        let title_en: String
        let body_en: String
    }

    let rules: [RuleEntry]
    let errors: [ErrorEntry]
    let questions: [Question]
    let steps: [Step]
    private let rulesByID: [String: RuleEntry]
    private let errorsByCode: [String: ErrorEntry]

    /// The catalog of the bundled texts.
    init() throws {
        try self.init(rules: Self.load("rules"), errors: Self.load("errors"), questions: Self.load("faq"), steps: Self.load("start"))
    }

    /// - Throws: ``HubSetupError`` when a validator rule or an import code has no entry.
    init(rules: [RuleEntry], errors: [ErrorEntry], questions: [Question], steps: [Step]) throws {
        self.rules = rules
        self.errors = errors
        self.questions = questions
        self.steps = steps
        self.rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.errorsByCode = Dictionary(errors.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let expected = Rule.allCases.map(\.rawValue) + ImportProblem.importCodes.keys.sorted()
        let missing = expected.filter { self.rulesByID[$0] == nil }
        guard missing.isEmpty else {
            throw HubSetupError("ヘルプにないルールがあります / help/rules.json lacks \(missing.joined(separator: ", "))")
        }
    }

    func rule(_ id: String) -> RuleEntry? { self.rulesByID[id] }
    func error(_ code: String) -> ErrorEntry? { self.errorsByCode[code] }

    /// The help page of a code shown in an error table: a rule's or import code's, else an error code's, else none.
    func link(for code: String) -> String? {
        if self.rulesByID[code] != nil { return "/web/help/rules/\(code)" }
        if self.errorsByCode[code] != nil { return "/web/help/errors/\(code)" }
        return nil
    }

    private static func load<Entry: Decodable>(_ name: String) throws -> [Entry] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "help") else {
            throw HubSetupError("ヘルプの文書がありません / missing help/\(name).json")
        }
        do {
            return try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
        } catch {
            throw HubSetupError("ヘルプの文書を読めません / help/\(name).json: \(error)")
        }
    }
}
