// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

extension HubDemo {
    /// The office さくら市 approved today: its administrator still has the handed-over password, so its inbox shows
    /// the first-login checklist.
    static let newOffice = (id: OfficeID(number: "1399900601", serviceType: "13"), name: "さくら訪問看護ステーション", login: "new")

    /// 利用申請 in the demo: the approved office above, one application waiting for さくら市 (and the operator), and one
    /// naming 千代田区 that only the operator sees. The demo's established offices have closed the checklist.
    static func seedOnboarding(store: any HubStore, now: Double) async throws {
        for account in try await store.accounts(officeID: nil) where account.officeID != nil {
            try await store.setSetting(OnboardingChecklist.dismissedKey(account), "demo")
        }
        let city = try await store.account(named: Self.cityLogin)
        let audit = AuditRecord(actor: "demo", office: nil, action: "demo.seed", subject: "applications")
        let approved = try await store.createApplication(
            UsageApplication(
                officeNumber: Self.newOffice.id.number, serviceType: Self.newOffice.id.serviceType!, officeName: Self.newOffice.name, address: "東京都さくら市",
                municipalityCode: Self.cityCode, contactName: "青葉 花子", contact: "03-0000-0601", submittedAt: now - 2 * 86_400),
            audit: audit)
        let office = Office(
            number: approved.officeNumber, serviceType: approved.serviceType, name: approved.officeName, address: approved.address,
            municipalityCode: approved.municipalityCode, contact: approved.contact)
        let start = now - 3_600
        _ = try await store.approveApplication(
            id: approved.id, office: office,
            account: Account(officeID: nil, loginName: Self.newOffice.login, passwordHash: PasswordHasher.hash(Self.password), role: .admin, mustChangePassword: true),
            period: UsagePeriod(officeID: 0, kind: .trial, startsAt: start, endsAt: start + 90 * 86_400, note: "さくら市モデル地域事業", createdAt: now),
            decidedAt: now - 3_600, decidedBy: "account:\(city.id)", note: "", audits: [audit])
        try await Self.seedTimeStudies(store: store, now: now)
        for (number, type, name, code, contactName, contact, age) in [
            ("1399900602", "15", "つばさデイサービス", Self.cityCode, "翼 太郎", "tsubasa@example.jp", 86_400.0),
            ("1310100099", "12", "かんだ訪問入浴", "131016", "神田 次郎", "03-0000-0099", 5 * 3_600.0),
        ] {
            _ = try await store.createApplication(
                UsageApplication(
                    officeNumber: number, serviceType: type, officeName: name, municipalityCode: code, contactName: contactName, contact: contact,
                    submittedAt: now - age),
                audit: audit)
        }
    }

    /// Two members measured their work before and after: さくら居宅 (the first care manager) and the first home-help
    /// provider; the region's estimate counts them with their own minutes.
    static func seedTimeStudies(store: any HubStore, now: Double) async throws {
        let studies: [(OfficeID, TimeStudy)] = [
            (
                Self.regionCareManagers[0].id,
                TimeStudy(
                    tasks: [
                        .init(key: "sendPlans", minutesBefore: 15, minutesAfter: 3, timesPerMonth: 40),
                        .init(key: "receiveResults", minutesBefore: 10, minutesAfter: 2, timesPerMonth: 40),
                        .init(key: "reconcile", minutesBefore: 20, minutesAfter: 10, timesPerMonth: 10),
                    ], sheetsPerMonth: 160, measuredOn: JapanTime.date(now - 20 * 86_400))
            ),
            (
                Self.regionHomeHelp[0].id,
                TimeStudy(
                    tasks: [
                        .init(key: "sendPlans", minutesBefore: 8, minutesAfter: 2, timesPerMonth: 30),
                        .init(key: "filing", minutesBefore: 5, minutesAfter: 1, timesPerMonth: 30),
                    ], sheetsPerMonth: 60, measuredOn: JapanTime.date(now - 10 * 86_400))
            ),
        ]
        for (id, study) in studies {
            guard let office = try await store.office(number: id.number, serviceType: id.serviceType ?? "") else { continue }
            try await store.setTimeStudy(
                officeID: office.id, study: study.json, at: now, audit: AuditRecord(actor: "demo", office: id.description, action: "demo.seed", subject: "timeStudy"))
        }
    }
}
