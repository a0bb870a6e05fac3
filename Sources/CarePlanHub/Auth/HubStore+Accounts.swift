// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanCSV
import Foundation

extension HubStore {
    /// Creates an account for `office` (nil for the hub operator) with `password`, which must pass ``PasswordPolicy``
    /// and is stored as a bcrypt hash; audited as `admin.createUser` by `actor`.
    /// - Throws: ``AccountAdminError`` for a refused password or an unregistered office.
    public func createAccount(
        loginName: String, role: Role, password: String, office: OfficeID?, authority: Authority? = nil, actor: String
    ) async throws -> Account {
        if let problem = PasswordPolicy.problem(with: password) { throw AccountAdminError(problem) }
        if role.isAuthority {
            guard let authority, authority.kind.rawValue == role.rawValue else {
                throw AccountAdminError("自治体（\(role.rawValue)）を指定してください / a \(role.rawValue) account needs its authority")
            }
            return try await self.createAccount(
                Account(officeID: nil, authorityID: authority.id, loginName: loginName, passwordHash: PasswordHasher.hash(password), role: role),
                audit: AuditRecord(actor: actor, office: nil, action: "admin.createUser", subject: loginName))
        }
        var row: Office?
        if role != .hubOperator, let office {
            guard let serviceType = office.serviceType, let found = try await self.office(number: office.number, serviceType: serviceType) else {
                throw AccountAdminError("事業所が未登録です / unknown office \(office)")
            }
            row = found
        }
        return try await self.createAccount(
            Account(officeID: row?.id, loginName: loginName, passwordHash: PasswordHasher.hash(password), role: role),
            audit: AuditRecord(actor: actor, office: row?.officeID.description, action: "admin.createUser", subject: loginName))
    }

    /// Registers the office `id` (事業所番号_サービス種類), audited as `admin.createOffice` by `actor`.
    public func registerOffice(
        _ id: OfficeID, name: String, address: String = "", municipalityCode: String = "", contact: String = "", actor: String
    ) async throws -> Office {
        guard let serviceType = id.serviceType else { throw AccountAdminError("サービス種類がありません / \(id) names no service type") }
        return try await self.createOffice(
            Office(number: id.number, serviceType: serviceType, name: name, address: address, municipalityCode: municipalityCode, contact: contact),
            audit: AuditRecord(actor: actor, office: id.description, action: "admin.createOffice", subject: id.description))
    }

    /// Registers a municipality or prefecture (自治体), audited as `admin.createAuthority` by `actor`. A municipality's
    /// code is the six-digit 市区町村コード, a prefecture's the two-digit 都道府県コード (01–47).
    /// - Throws: ``AccountAdminError`` for a malformed code or one registered already.
    public func registerAuthority(kind: Authority.Kind, code: String, name: String, actor: String) async throws -> Authority {
        let digits = kind == .municipality ? 6 : 2
        guard code.count == digits, code.allSatisfy({ $0.isASCII && $0.isNumber }), let prefecture = Int(code.prefix(2)), (1...47).contains(prefecture) else {
            throw AccountAdminError("自治体コードは\(digits)桁の数字です / a \(kind.rawValue) code has \(digits) digits (prefecture 01–47)")
        }
        if kind == .municipality, !MunicipalityCode.isValid(code) {
            throw AccountAdminError("市区町村コードの検査数字が合いません / the municipality code's check digit does not match")
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw AccountAdminError("自治体名を入力してください / the authority needs a name") }
        do {
            return try await self.createAuthority(
                Authority(kind: kind, code: code, name: name), audit: AuditRecord(actor: actor, office: nil, action: "admin.createAuthority", subject: "\(kind.rawValue):\(code)"))
        } catch HubStoreConflict.duplicateName {
            throw AccountAdminError("この自治体は登録済みです / \(kind.rawValue) \(code) is registered already")
        }
    }

    /// The registered authority of `kind` and `code`.
    /// - Throws: ``AccountAdminError`` when there is none.
    public func authority(kind: Authority.Kind, code: String) async throws -> Authority {
        guard let authority = try await self.authorities().first(where: { $0.kind == kind && $0.code == code }) else {
            throw AccountAdminError("自治体が未登録です / no \(kind.rawValue) \(code)")
        }
        return authority
    }

    /// The account named `loginName`.
    /// - Throws: ``AccountAdminError`` when there is none.
    public func account(named loginName: String) async throws -> Account {
        guard let account = try await self.account(loginName: loginName) else { throw AccountAdminError("アカウントがありません / no account \(loginName)") }
        return account
    }
}
