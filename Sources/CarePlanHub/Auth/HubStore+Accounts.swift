// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanCSV

extension HubStore {
    /// Creates an account for `office` (nil for the hub operator) with `password`, which must pass ``PasswordPolicy``
    /// and is stored as a bcrypt hash; audited as `admin.createUser` by `actor`.
    /// - Throws: ``AccountAdminError`` for a refused password or an unregistered office.
    public func createAccount(loginName: String, role: Role, password: String, office: OfficeID?, actor: String) async throws -> Account {
        if let problem = PasswordPolicy.problem(with: password) { throw AccountAdminError(problem) }
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

    /// The account named `loginName`.
    /// - Throws: ``AccountAdminError`` when there is none.
    public func account(named loginName: String) async throws -> Account {
        guard let account = try await self.account(loginName: loginName) else { throw AccountAdminError("アカウントがありません / no account \(loginName)") }
        return account
    }
}
