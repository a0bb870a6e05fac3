// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// `apply.mustache`: the public 利用申請 form, with what to correct beside each item, or the receipt once stored.
struct ApplyPageModel: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A problem named under its item's label, listed above the form.
    struct Problem: Sendable {
        let label: String
        let message: String
    }

    /// What the office entered (shown again after a refusal).
    struct Values: Sendable {
        let number: String
        let name: String
        let address: String
        let municipality: String
        let contactName: String
        let contact: String
    }

    /// The stored application: 受付番号 and what happens next.
    struct Receipt: Sendable {
        let number: String
        let office: String
        let decider: String
    }

    let title = PageText.pick("利用申請", "Apply for use")
    let values: Values?
    let serviceTypes: [Choice]
    /// Registered municipalities, offered as the code field's suggestions.
    let municipalities: [Choice]
    let problems: [Problem]
    let hasProblems: Bool
    let error: String?
    let received: Receipt?
    /// Per item: its problem, for `aria-invalid` and the line under it.
    let numberProblem: String?
    let serviceTypeProblem: String?
    let nameProblem: String?
    let addressProblem: String?
    let municipalityProblem: String?
    let contactNameProblem: String?
    let contactProblem: String?

    init(form: ApplicationForm, problems: [ApplicationForm.Problem], error: String?, authorities: [Authority]) {
        self.values = Values(
            number: form.number ?? "", name: form.name ?? "", address: form.address ?? "", municipality: form.municipality ?? "",
            contactName: form.contactName ?? "", contact: form.contact ?? "")
        let chosen = (form.serviceType ?? "").uppercased()
        self.serviceTypes = ServiceType.all.map { Choice(value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == chosen) }
        self.municipalities = Self.municipalities(authorities)
        let messages = Dictionary(problems.map { ($0.field, PageText.side($0.message)) }, uniquingKeysWith: { first, _ in first })
        self.problems = problems.map { Problem(label: Self.label(of: $0.field), message: PageText.side($0.message)) }
        self.hasProblems = !problems.isEmpty
        self.error = error.map(PageText.side)
        self.received = nil
        self.numberProblem = messages["number"]
        self.serviceTypeProblem = messages["serviceType"]
        self.nameProblem = messages["name"]
        self.addressProblem = messages["address"]
        self.municipalityProblem = messages["municipality"]
        self.contactNameProblem = messages["contactName"]
        self.contactProblem = messages["contact"]
    }

    init(received application: UsageApplication, authorities: [Authority]) {
        self.values = nil
        self.serviceTypes = []
        self.municipalities = []
        self.problems = []
        self.hasProblems = false
        self.error = nil
        let municipality = authorities.first { $0.kind == .municipality && $0.code == application.municipalityCode }
        let type = ServiceType.named(application.serviceType)?.name ?? application.serviceType
        self.received = Receipt(
            number: String(application.id), office: PageText.pick("\(application.officeName)（\(type)・\(application.officeNumber)）", "\(application.officeName) (service type \(application.serviceType), \(application.officeNumber))"),
            decider: municipality.map { PageText.pick("ハブの運用者または\($0.name)", "the hub operator or \($0.name)") } ?? PageText.pick("ハブの運用者", "the hub operator"))
        (self.numberProblem, self.serviceTypeProblem, self.nameProblem, self.addressProblem) = (nil, nil, nil, nil)
        (self.municipalityProblem, self.contactNameProblem, self.contactProblem) = (nil, nil, nil)
    }

    private static func municipalities(_ authorities: [Authority]) -> [Choice] {
        authorities.filter { $0.kind == .municipality }.map { Choice(value: $0.code, label: $0.name, selected: false) }
    }

    private static func label(of field: String) -> String {
        switch field {
        case "number": PageText.pick("事業所番号", "Office number")
        case "serviceType": PageText.pick("サービス種類", "Service type")
        case "name": PageText.pick("事業所名", "Office name")
        case "address": PageText.pick("所在地", "Address")
        case "municipality": PageText.pick("市区町村コード", "Municipality code")
        case "contactName": PageText.pick("担当者名", "Contact person")
        default: PageText.pick("連絡先", "Contact")
        }
    }
}
