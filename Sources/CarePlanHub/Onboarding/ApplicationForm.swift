// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// 利用申請フォーム: what an office enters at `/web/apply`, read and checked item by item so that the page can say
/// what to correct beside each one. Digits may be typed full-width (NFKC); nothing invisible or over-long is stored.
struct ApplicationForm: Decodable, Sendable {
    /// 事業所番号
    var number: String?
    /// サービス種類コード
    var serviceType: String?
    /// 事業所名
    var name: String?
    /// 所在地
    var address: String?
    /// 市区町村コード
    var municipality: String?
    /// 担当者名
    var contactName: String?
    /// 連絡先（電話番号またはメールアドレス）
    var contact: String?

    /// One item to correct.
    struct Problem: Sendable, Equatable {
        /// The form field's name.
        let field: String
        /// `日本語 / English`
        let message: String
    }

    static let maxNameLength = 100
    static let maxAddressLength = 200
    static let maxContactLength = 100

    /// The application to store, or what to correct.
    func check(now: Double) -> Result<UsageApplication, ApplicationProblems> {
        var problems: [Problem] = []
        let number = Self.normalised(self.number)
        if !(number.count == 10 && number.allSatisfy({ $0.isASCII && $0.isNumber })) {
            problems.append(Problem(field: "number", message: "事業所番号は10桁の数字です / the office number has 10 digits"))
        }
        let serviceType = Self.normalised(self.serviceType).uppercased()
        if ServiceType.named(serviceType) == nil {
            problems.append(
                Problem(field: "serviceType", message: "サービス種類コードを一覧から選んでください / choose the service type from the list"))
        }
        let municipality = Self.normalised(self.municipality)
        if !MunicipalityCode.isValid(municipality) {
            problems.append(
                Problem(
                    field: "municipality",
                    message: "市区町村コードは検査数字を含む6桁です（例: 千代田区 131016） / the municipality code has 6 digits with its check digit (e.g. 131016)"))
        }
        let name = Self.text(self.name)
        if let problem = Self.problem(name, field: "name", label: ("事業所名", "the office name"), limit: Self.maxNameLength, required: true) {
            problems.append(problem)
        }
        let address = Self.text(self.address)
        if let problem = Self.problem(address, field: "address", label: ("所在地", "the address"), limit: Self.maxAddressLength, required: false) {
            problems.append(problem)
        }
        let contactName = Self.text(self.contactName)
        if let problem = Self.problem(contactName, field: "contactName", label: ("担当者名", "the contact's name"), limit: Self.maxNameLength, required: true) {
            problems.append(problem)
        }
        let contact = Self.normalised(self.contact)
        if !Self.isContact(contact) {
            problems.append(
                Problem(
                    field: "contact",
                    message: "連絡先は電話番号（数字とハイフン）かメールアドレスです / the contact is a phone number (digits and hyphens) or an e-mail address"))
        }
        guard problems.isEmpty else { return .failure(ApplicationProblems(problems: problems)) }
        return .success(
            UsageApplication(
                officeNumber: number, serviceType: serviceType, officeName: name, address: address, municipalityCode: municipality,
                contactName: contactName, contact: contact, submittedAt: now))
    }

    /// Codes and contacts: compatibility-normalised (full-width digits and letters typed by an IME) and trimmed.
    private static func normalised(_ value: String?) -> String {
        (value ?? "").precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Names keep their full-width forms (「さくら市」 is not rewritten) and are only trimmed.
    private static func text(_ value: String?) -> String {
        (value ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func problem(_ value: String, field: String, label: (String, String), limit: Int, required: Bool) -> Problem? {
        if value.isEmpty {
            return required ? Problem(field: field, message: "\(label.0)を入力してください / enter \(label.1)") : nil
        }
        if value.count > limit {
            return Problem(field: field, message: "\(label.0)は\(limit)文字までです / \(label.1) has at most \(limit) characters")
        }
        if value.unicodeScalars.contains(where: { [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }) {
            return Problem(field: field, message: "\(label.0)に使えない文字（制御文字など）があります / \(label.1) holds a control or invisible character")
        }
        return nil
    }

    /// A phone number (digits with optional hyphens, 10–13 digits with a leading 0) or a plain e-mail address.
    static func isContact(_ value: String) -> Bool {
        guard !value.isEmpty, value.count <= Self.maxContactLength, value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return false }
        if value.contains("@") {
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
        }
        let digits = value.filter(\.isNumber)
        return value.allSatisfy({ $0.isNumber || $0 == "-" }) && digits.hasPrefix("0") && (10...13).contains(digits.count)
    }
}

/// Items of an application form to correct.
struct ApplicationProblems: Error, Sendable {
    let problems: [ApplicationForm.Problem]
}
