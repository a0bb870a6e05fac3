// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange

/// `help.mustache`: ヘルプ: the index, はじめに, よくある質問, one validator rule's page, one error code's page.
struct HelpPageModel: Sendable {
    struct Link: Sendable {
        let href: String
        let code: String
        let label: String
    }

    /// A group of rules on the index (ファイル名, 文字コード, CSV, …).
    struct Group: Sendable {
        let title: String
        let links: [Link]
    }

    struct Entry: Sendable {
        let id: String
        let title: String
        let body: String
    }

    /// One rule's or error code's page.
    struct Topic: Sendable {
        let code: String
        /// The rule's statement, or when the hub answers the error.
        let statement: String
        let kind: String
        let status: String?
        let bad: String?
        let good: String?
        let example: String?
        let fix: String
    }

    let title: String
    /// The header of whoever is logged in, if anyone.
    var office: OfficeHeader?
    var hubOperator: String?
    var authority: AuthorityHeader?
    var loggedIn = false
    let groups: [Group]?
    let errors: [Link]?
    let steps: [Entry]?
    let questions: [Entry]?
    let topic: Topic?
    /// Stored for Mustache (it reads stored properties only).
    let hasGroups: Bool
    let hasSteps: Bool
    let hasQuestions: Bool

    init(title: String, groups: [Group]?, errors: [Link]?, steps: [Entry]?, questions: [Entry]?, topic: Topic?) {
        self.title = title
        self.groups = groups
        self.errors = errors
        self.steps = steps
        self.questions = questions
        self.topic = topic
        self.hasGroups = !(groups ?? []).isEmpty
        self.hasSteps = !(steps ?? []).isEmpty
        self.hasQuestions = !(questions ?? []).isEmpty
    }

    private static var english: Bool { PageLanguage.current == .english }

    static func index(_ catalog: HelpCatalog) -> HelpPageModel {
        var order: [String] = []
        var grouped: [String: [Link]] = [:]
        for entry in catalog.rules {
            let prefix = String(entry.id.split(separator: ".").first ?? "")
            if grouped[prefix] == nil { order.append(prefix) }
            grouped[prefix, default: []].append(Link(href: "/web/help/rules/\(entry.id)", code: entry.id, label: Self.statement(ofRule: entry.id)))
        }
        let errors = catalog.errors.map { Link(href: "/web/help/errors/\($0.code)", code: $0.code, label: Self.english ? $0.when_en : $0.when_ja) }
        return HelpPageModel(
            title: PageText.pick("ヘルプ", "Help"), groups: order.map { Group(title: Self.groupTitle($0), links: grouped[$0] ?? []) }, errors: errors, steps: nil,
            questions: nil, topic: nil)
    }

    static func start(_ catalog: HelpCatalog) -> HelpPageModel {
        HelpPageModel(
            title: PageText.pick("はじめに（利用開始の手順）", "Getting started"), groups: nil, errors: nil,
            steps: catalog.steps.map { Entry(id: $0.id, title: Self.english ? $0.title_en : $0.title_ja, body: Self.english ? $0.body_en : $0.body_ja) },
            questions: nil, topic: nil)
    }

    static func faq(_ catalog: HelpCatalog) -> HelpPageModel {
        HelpPageModel(
            title: PageText.pick("よくある質問", "Frequently asked questions"), groups: nil, errors: nil, steps: nil,
            questions: catalog.questions.map { Entry(id: $0.id, title: Self.english ? $0.q_en : $0.q_ja, body: Self.english ? $0.a_en : $0.a_ja) }, topic: nil)
    }

    static func rule(_ entry: HelpCatalog.RuleEntry) -> HelpPageModel {
        let isRule = Rule(rawValue: entry.id) != nil
        return HelpPageModel(
            title: entry.id, groups: nil, errors: nil, steps: nil, questions: nil,
            topic: Topic(
                code: entry.id, statement: Self.statement(ofRule: entry.id),
                kind: isRule ? PageText.pick("検査ルール（送信前の検査・ハブの受付）", "Validation rule (checked before sending and by the hub)") : PageText.pick("取込結果の理由（受信側のソフト）", "Import problem (reported by the recipient's software)"),
                status: nil, bad: entry.bad.isEmpty ? nil : entry.bad, good: entry.good.isEmpty ? nil : entry.good,
                example: Self.english ? entry.example_en : entry.example_ja, fix: Self.english ? entry.fix_en : entry.fix_ja))
    }

    static func error(_ entry: HelpCatalog.ErrorEntry) -> HelpPageModel {
        HelpPageModel(
            title: entry.code, groups: nil, errors: nil, steps: nil, questions: nil,
            topic: Topic(
                code: entry.code, statement: Self.english ? entry.when_en : entry.when_ja, kind: PageText.pick("ハブのエラーコード", "Hub error code"),
                status: "HTTP \(entry.status)", bad: nil, good: nil, example: nil, fix: Self.english ? entry.fix_en : entry.fix_ja))
    }

    /// The rule's one-line statement, or an import code's description.
    private static func statement(ofRule id: String) -> String {
        if let rule = Rule(rawValue: id) { return Self.english ? rule.english : rule.japanese }
        if let texts = ImportProblem.importCodes[id] { return Self.english ? texts.en : texts.ja }
        return id
    }

    private static func groupTitle(_ prefix: String) -> String {
        switch prefix {
        case "fileName": PageText.pick("ファイル名", "File names")
        case "encoding": PageText.pick("文字コード", "Character encoding")
        case "csv": PageText.pick("CSVの形式", "CSV format")
        case "version": PageText.pick("CSVバージョン", "CSV versions")
        case "field": PageText.pick("項目", "Items")
        case "row": PageText.pick("行", "Rows")
        case "file": PageText.pick("ファイル", "Files")
        case "unit": PageText.pick("送信単位", "Send units")
        case "import": PageText.pick("取込結果（受信側）", "Import results (recipient)")
        default: prefix
        }
    }
}
