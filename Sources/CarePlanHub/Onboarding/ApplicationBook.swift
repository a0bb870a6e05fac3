// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// 利用申請 from submission to decision. Anyone may apply (the form is public, rate-limited per address); the hub
/// operator decides every application, a municipality's account those that name its 市区町村コード. Approving creates
/// the office, its first administrator with a one-time password to hand over, and optionally its first usage period,
/// in one transaction.
struct ApplicationBook {
    let hub: Hub

    /// Who decides applications: the operator (every one) or a municipality (those naming its code).
    struct Decider: Sendable {
        let identity: HubIdentity
        /// The municipality's code, nil for the operator.
        let municipalityCode: String?

        var actor: String { "account:\(self.identity.account.id)" }

        func mayDecide(_ application: UsageApplication) -> Bool {
            self.municipalityCode == nil || self.municipalityCode == application.municipalityCode
        }

        /// A municipality grants trials and its own programme; paid periods and free passes are the operator's.
        var kinds: [UsagePeriod.Kind] { self.municipalityCode == nil ? UsagePeriod.Kind.allCases : [.trial, .municipal] }

        /// A municipality's approval always carries a period of at most a year: an office without any period is
        /// not bound by periods at all, which is the operator's to allow.
        var mustGrantPeriod: Bool { self.municipalityCode != nil }
        static let municipalMaxDays = 366.0
    }

    /// What an approval hands over, once.
    struct Approval: Sendable {
        let application: UsageApplication
        let office: Office
        let account: Account
        /// 初期パスワード: shown to the approver once, never stored in the clear.
        let password: String
        let period: UsagePeriod?
    }

    /// Applications still waiting, over all addresses: a flood of them is refused before it fills the store.
    static let maxPending = 1_000

    /// Stores the application of `form`.
    /// - Throws: ``ApplicationProblems`` for items to correct; ``ExchangeError`` for a second pending application of
    ///   the office, an office already registered, or too many pending applications.
    func submit(_ form: ApplicationForm) async throws -> UsageApplication {
        let application = try form.check(now: self.hub.now()).get()
        if try await self.hub.store.office(number: application.officeNumber, serviceType: application.serviceType) != nil {
            throw ExchangeError(
                .conflict, "application.registered",
                "この事業所（\(application.officeNumber) 種類 \(application.serviceType)）はすでに登録されています。事業所の管理者にアカウントを依頼してください / this office is registered already; ask its administrator for an account")
        }
        guard try await self.hub.store.pendingApplicationCount() < Self.maxPending else {
            throw ExchangeError(.busy, "application.busy", "申請が混み合っています。時間をおいてもう一度送ってください / too many applications wait; try again later")
        }
        do {
            return try await self.hub.store.createApplication(
                application,
                audit: AuditRecord(
                    actor: "applicant", office: "\(application.officeNumber)_\(application.serviceType)", action: "application.submit",
                    subject: "municipality:\(application.municipalityCode)"))
        } catch HubStoreConflict.applicationPending {
            throw ExchangeError(
                .conflict, "application.pending",
                "この事業所と連絡先の申請はすでに受け付けて審査中です / an application of this office with this contact was received already and waits for a decision")
        }
    }

    /// The decider of `identity`: the operator, or a municipality's account.
    /// - Throws: ``ExchangeError`` (forbidden) for anyone else; a prefecture does not decide.
    func decider(_ identity: HubIdentity) async throws -> Decider {
        switch identity.account.role {
        case .hubOperator:
            try identity.require(.manage)
            return Decider(identity: identity, municipalityCode: nil)
        case .municipality:
            try identity.require(.region)
            guard let id = identity.account.authorityID, let authority = try await self.hub.store.authority(id: id), authority.kind == .municipality else {
                throw Self.notDecider
            }
            return Decider(identity: identity, municipalityCode: authority.code)
        default:
            throw Self.notDecider
        }
    }

    private static let notDecider = ExchangeError(
        .forbidden, "application.notDecider", "利用申請を審査できるのはハブの運用者と申請先の市区町村だけです / only the hub operator and the named municipality decide applications")

    /// The applications `decider` sees: all for the operator, the municipality's own for it.
    func applications(for decider: Decider) async throws -> [UsageApplication] {
        try await self.hub.store.applications(municipalityCode: decider.municipalityCode)
    }

    /// The application `id`, when `decider` may see it (404 otherwise, as for an unknown one).
    func application(_ id: Int64, for decider: Decider) async throws -> UsageApplication {
        guard let application = try await self.hub.store.application(id: id), decider.mayDecide(application) else {
            throw ExchangeError(.notFound, "application.notFound", "その利用申請はありません / no such application")
        }
        return application
    }

    /// The terms of an approval, as the decider enters them.
    struct Terms: Sendable {
        /// ログイン名 of the office's first administrator.
        var loginName: String
        /// 利用区分 of the first period, nil for none.
        var kind: UsagePeriod.Kind?
        var from: String = ""
        var until: String = ""
        var note: String = ""
    }

    /// Approves a pending application.
    /// - Throws: ``ExchangeError`` for a decided or unseen application, a login name taken or malformed, an office
    ///   registered meanwhile, a period kind the decider may not grant, or a malformed period.
    func approve(_ id: Int64, terms: Terms, by decider: Decider) async throws -> Approval {
        let application = try await self.application(id, for: decider)
        let loginName = terms.loginName.trimmingCharacters(in: .whitespaces)
        guard (3...64).contains(loginName.count), loginName.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        else {
            throw ExchangeError(
                .malformed, "application.loginName", "ログイン名は半角英数字と - _ . の3〜64文字です / a login name has 3–64 ASCII letters, digits, - _ or .")
        }
        var period: UsagePeriod?
        if terms.kind == nil, decider.mustGrantPeriod {
            throw ExchangeError(
                .forbidden, "application.kind", "市区町村の承認には、お試し利用か自治体の事業の期間を付けてください / a municipality's approval grants a trial or its programme")
        }
        if let kind = terms.kind {
            guard decider.kinds.contains(kind) else {
                throw ExchangeError(.forbidden, "application.kind", "この利用区分は付与できません / you may not grant this kind of period")
            }
            guard let start = JapanDate.start(terms.from), let last = JapanDate.start(terms.until) else {
                throw ExchangeError(.malformed, "licence.date", "日付は 2026-12-01 の形で入力してください / give dates as 2026-12-01")
            }
            guard last >= start else {
                throw ExchangeError(.malformed, "licence.range", "終了日は開始日より後にしてください / the end must come after the start")
            }
            if decider.mustGrantPeriod, last + 86_400 - start > ApplicationBook.Decider.municipalMaxDays * 86_400 {
                throw ExchangeError(
                    .forbidden, "application.kind", "市区町村が付けられる期間は1年までです / a municipality grants at most a year")
            }
            period = UsagePeriod(
                officeID: 0, kind: kind, startsAt: start, endsAt: last + 86_400, note: terms.note.trimmingCharacters(in: .whitespacesAndNewlines),
                createdAt: self.hub.now())
        }
        let note = try Self.cleanNote(terms.note, limit: 200)
        let password = Self.initialPassword()
        let office = Office(
            number: application.officeNumber, serviceType: application.serviceType, name: application.officeName, address: application.address,
            municipalityCode: application.municipalityCode, contact: application.contact)
        let account = Account(officeID: nil, loginName: loginName, passwordHash: try await PasswordHasher.hashInPool(password), role: .admin, mustChangePassword: true)
        // One entry per thing created, as the CLI would write them, so that the audit search finds each.
        let officeName = office.officeID.description
        var audits = [
            AuditRecord(actor: decider.actor, office: officeName, action: "application.approve", subject: "application:\(application.id)"),
            AuditRecord(actor: decider.actor, office: officeName, action: "admin.createOffice", subject: officeName),
            AuditRecord(actor: decider.actor, office: officeName, action: "admin.createUser", subject: loginName),
        ]
        if let period {
            audits.append(
                AuditRecord(
                    actor: decider.actor, office: officeName, action: "licence.add",
                    subject: "\(period.kind.rawValue) \(JapanTime.date(period.startsAt))..\(JapanTime.date(period.endsAt))"))
        }
        let decided: (application: UsageApplication, office: Office, account: Account)?
        do {
            decided = try await self.hub.store.approveApplication(
                id: application.id, office: office, account: account, period: period, decidedAt: self.hub.now(), decidedBy: decider.actor,
                note: note, audits: audits)
        } catch HubStoreConflict.officeRegistered {
            throw ExchangeError(.conflict, "application.registered", "この事業所はすでに登録されています / the office is registered already")
        } catch HubStoreConflict.loginNameTaken {
            throw ExchangeError(.conflict, "application.loginTaken", "このログイン名は使われています。別の名前にしてください / the login name is taken; choose another")
        }
        guard let decided else { throw Self.decidedAlready }
        return Approval(application: decided.application, office: decided.office, account: decided.account, password: password, period: period)
    }

    /// Declines a pending application with the reason the applicant is told.
    func reject(_ id: Int64, reason: String, by decider: Decider) async throws -> UsageApplication {
        let application = try await self.application(id, for: decider)
        let reason = try Self.cleanNote(reason, limit: 500)
        guard !reason.isEmpty else {
            throw ExchangeError(.malformed, "application.reason", "却下の理由を500文字以内で入力してください / give the reason, at most 500 characters")
        }
        guard
            let rejected = try await self.hub.store.rejectApplication(
                id: application.id, decidedAt: self.hub.now(), decidedBy: decider.actor, note: reason,
                audit: AuditRecord(
                    actor: decider.actor, office: "\(application.officeNumber)_\(application.serviceType)", action: "application.reject",
                    subject: "application:\(application.id)"))
        else { throw Self.decidedAlready }
        return rejected
    }

    /// A decider's note or reason, trimmed; refused when over `limit` characters or holding control or invisible ones.
    static func cleanNote(_ text: String, limit: Int) throws -> String {
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= limit, !note.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) else {
            throw ExchangeError(
                .malformed, "application.reason", "理由・備考は\(limit)文字以内で、制御文字を含めないでください / at most \(limit) characters, no control characters")
        }
        return note
    }

    private static let decidedAlready = ExchangeError(.conflict, "application.decided", "この利用申請は審査済みです / the application was decided already")

    /// The suggested login name of an application's first administrator.
    static func suggestedLoginName(_ application: UsageApplication) -> String {
        "\(application.officeNumber)-\(application.serviceType.lowercased())-admin"
    }

    /// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), in groups of four: about 90 bits.
    static func initialPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
