// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation

extension HubDemo {
    /// One office of the demo region, with its admin login.
    struct RegionOffice: Sendable {
        let id: OfficeID
        let name: String
        let login: String
    }

    /// さくら市 (fictional; 市区町村コード 139998 is no real municipality's) and its model region.
    static let cityCode = "139998"
    static let cityLogin = "city"
    static let prefectureLogin = "pref"
    /// The hub operator (利用期間 of every office).
    static let operatorLogin = "operator"

    /// Five 居宅介護支援 offices, ten 訪問介護, seven 通所介護 and three 福祉用具貸与, with fictional 事業所番号 of さくら市.
    static let regionCareManagers = [
        ("さくら居宅介護支援センター", "s-cm1"), ("さくら中央ケアプランセンター", "s-cm2"), ("みなみ居宅介護支援事業所", "s-cm3"),
        ("ひがし居宅介護支援事業所", "s-cm4"), ("さくら北ケアマネジメント", "s-cm5"),
    ].enumerated().map { RegionOffice(id: OfficeID(number: String(format: "13999001%02d", $0.offset + 1), serviceType: "43"), name: $0.element.0, login: $0.element.1) }
    static let regionHomeHelp = [
        "さくらヘルパーステーション", "ひまわり訪問介護", "あおば訪問介護センター", "さくら南ヘルパー", "つばさ訪問介護", "けやき訪問介護", "こもれび訪問介護",
        "ゆうあい訪問介護", "なごみヘルパーステーション", "はなみずき訪問介護",
    ].enumerated().map { RegionOffice(id: OfficeID(number: String(format: "13999002%02d", $0.offset + 1), serviceType: "11"), name: $0.element, login: "s-help\($0.offset + 1)") }
    static let regionDayServices = [
        "さくらデイサービス", "ひだまりデイサービス", "さくら川デイサービス", "いこいデイサービス", "みどりのデイサービス", "ふれあいデイサービス", "さくら東デイサービス",
    ].enumerated().map { RegionOffice(id: OfficeID(number: String(format: "13999003%02d", $0.offset + 1), serviceType: "15"), name: $0.element, login: "s-day\($0.offset + 1)") }
    static let regionEquipment = ["さくら福祉用具", "あんしん福祉用具レンタル", "さくら介護ショップ"].enumerated().map {
        RegionOffice(id: OfficeID(number: String(format: "13999004%02d", $0.offset + 1), serviceType: "17"), name: $0.element, login: "s-equip\($0.offset + 1)")
    }
    /// A 福祉用具 office of さくら市 not on the network: the care manager s-cm4 sends it the 利用票 on paper.
    static let paperEquipment = RegionOffice(id: OfficeID(number: "1399900501", serviceType: "17"), name: "さくら駅前福祉用具", login: "")

    /// Every office of the region.
    static var regionOffices: [RegionOffice] { Self.regionCareManagers + Self.regionHomeHelp + Self.regionDayServices + Self.regionEquipment }

    /// Which providers each care manager's four groups of three users use (訪問介護, 通所介護), by index; nil is the
    /// 千代田区 home-help office of the first demo (outside the region). s-cm1 reaches exactly five partners, s-cm2
    /// four (just below the subsidy's threshold), s-cm3 two, s-cm4 three, s-cm5 seven (one outside the region).
    static let regionGroups: [[(Int?, Int)]] = [
        [(0, 0), (1, 1), (2, 0), (0, 1)],
        [(3, 2), (4, 2), (3, 3), (4, 3)],
        [(5, 4), (5, 4), (5, 4), (5, 4)],
        [(6, 5), (6, 5), (7, 5), (7, 5)],
        [(7, 6), (8, 6), (9, 4), (nil, 5)],
    ]

    /// The demo's model region: さくら市 with its municipality login (city) and 東京都's (pref), 25 offices with admin logins,
    /// 60 users in 20 groups, and 65 days of exchange: care plans, three months of 利用票 to both providers and
    /// two of 実績 back. States: 取込済 (most), 取込不可 (s-cm1's last 利用票 to its first provider), 期限切れ (s-cm2's first 利用票 to
    /// s-day4), 取り下げ (s-cm3's second care plan), unread (s-cm2's last 利用票 to s-help5), and on paper (s-cm4 to
    /// さくら駅前福祉用具). s-equip2 declined the invitation and s-equip3 has not answered.
    /// - Parameter now: the time the seed ends at (the system clock; tests pass a fixed one).
    static func seedRegion(store: any HubStore, configuration: HubConfiguration, now: Double) async throws {
        let day = 86_400.0
        let clock = DemoClock(start: now - 65 * day)
        let hub = try await Hub.open(store: store, configuration: configuration, now: { clock.now })
        let audit = AuditRecord(actor: "demo", office: nil, action: "demo.seed", subject: "region")
        let hash = PasswordHasher.hash(Self.password)

        let city = try await store.createAuthority(Authority(kind: .municipality, code: Self.cityCode, name: "さくら市"), audit: audit)
        let tokyo = try await store.createAuthority(Authority(kind: .prefecture, code: "13", name: "東京都"), audit: audit)
        _ = try await store.createAccount(
            Account(officeID: nil, authorityID: city.id, loginName: Self.cityLogin, passwordHash: hash, role: .municipality), audit: audit)
        _ = try await store.createAccount(
            Account(officeID: nil, authorityID: tokyo.id, loginName: Self.prefectureLogin, passwordHash: hash, role: .prefecture), audit: audit)
        _ = try await store.createAccount(Account(officeID: nil, loginName: Self.operatorLogin, passwordHash: hash, role: .hubOperator), audit: audit)
        var offices: [OfficeID: Office] = [:]
        var identities: [OfficeID: HubIdentity] = [:]
        for office in Self.regionOffices {
            let stored = try await store.createOffice(
                Office(
                    number: office.id.number, serviceType: office.id.serviceType!, name: office.name, address: "東京都さくら市", municipalityCode: Self.cityCode,
                    contact: "0420-00-" + office.id.number.suffix(4)), audit: audit)
            let account = try await store.createAccount(Account(officeID: stored.id, loginName: office.login, passwordHash: hash, role: .admin), audit: audit)
            offices[office.id] = stored
            identities[office.id] = Self.identity(account, stored)
        }
        let outside = SampleOffices.homeHelp
        if let helper = try await store.office(number: outside.number, serviceType: outside.serviceType!),
            let account = try await store.accounts(officeID: helper.id).first
        {
            offices[outside] = helper
            identities[outside] = Self.identity(account, helper)
        }

        // The region: everyone invited; all join but s-equip2 (declines) and s-equip3 (not yet answered).
        let book = RegionBook(hub: hub)
        let viewer = RegionViewer(
            identity: Self.identity(try await store.account(named: Self.cityLogin), nil, scopes: [.region]), authority: city)
        let region = try await book.create(named: "さくら市モデル地域", by: viewer)
        _ = try await book.invite(Self.regionOffices.map(\.id.description).joined(separator: "\n"), to: region, by: viewer)
        for office in Self.regionOffices where office.id != Self.regionEquipment[2].id {
            try await book.answer(region: region.id, join: office.id != Self.regionEquipment[1].id, by: offices[office.id]!, actor: "demo")
        }

        // The groups: each a care manager, its two providers and three users of its own.
        struct Group {
            let careManager: RegionOffice
            let set: SampleOfficeSet
            let seed: UInt64
            /// Its first user's index: the groups' users are distinct.
            let firstUser: Int
        }
        let names = Dictionary(uniqueKeysWithValues: (Self.regionOffices + [Self.paperEquipment]).map { ($0.id.number, $0.name) })
            .merging(["1310100021": "神田ヘルパーステーション"]) { first, _ in first }
        var groups: [Group] = []
        for (index, careManager) in Self.regionCareManagers.enumerated() {
            for (number, (help, dayService)) in Self.regionGroups[index].enumerated() {
                let equipment = index == 3 && number == 0 ? Self.paperEquipment.id : Self.regionEquipment[0].id
                let set = SampleOfficeSet(
                    careManager: careManager.id, homeHelp: help.map { Self.regionHomeHelp[$0].id } ?? outside, dayService: Self.regionDayServices[dayService].id,
                    equipment: equipment, names: names)
                groups.append(Group(careManager: careManager, set: set, seed: UInt64(3000 + groups.count), firstUser: 100 + 3 * groups.count))
            }
        }
        // Partners: each care manager with its providers, and s-cm1 with s-equip1 (linked, nothing exchanged yet).
        for group in groups {
            for provider in [group.set.homeHelp, group.set.dayService] {
                _ = try await store.linkOffices(group.careManager.id, provider, at: clock.now, actor: "demo")
            }
        }
        _ = try await store.linkOffices(Self.regionCareManagers[0].id, Self.regionEquipment[0].id, at: clock.now, actor: "demo")

        let intake = UnitIntake(hub: hub)
        let delivery = UnitDelivery(hub: hub)
        var sequence = 0
        func send(_ group: Group, _ pattern: SamplePattern, month: YearMonth, to provider: OfficeID, from sender: OfficeID? = nil) async throws -> ListedUnit {
            sequence += 1
            var factory = SampleFactory(month: month, userCount: 3, seed: group.seed, timestamp: FileTimestamp(Self.timestamp(clock.now, plus: sequence))!)
            factory.offices = group.set
            factory.provider = provider
            factory.firstUser = group.firstUser
            let files = factory.files(for: pattern).map { UploadedFile(name: $0.name.description, bytes: $0.bytes) }
            return try await intake.accept(files, from: offices[sender ?? group.careManager.id]!, actor: "demo", account: "demo").listed
        }
        func receive(_ listed: ListedUnit, by recipient: OfficeID, outcome: ImportReportRequest? = ImportReportRequest(outcome: .imported)) async throws {
            for file in listed.files { _ = try await delivery.download(listed, name: file.name, by: identities[recipient]!) }
            if let outcome, let reloaded = try await store.listedUnit(id: listed.unit.id) {
                _ = try await delivery.reportImport(reloaded, outcome, by: identities[recipient]!)
            }
        }

        // Three steps 30 days apart, the last five days ago: each sends the next month's 利用票 (and the first the care
        // plan); four days after each of the later two, the 実績 of the month before come back.
        let stepTimes = (0..<3).map { now - Double(65 - 30 * $0) * day }
        let months = stepTimes.map { Self.serviceMonth($0, offset: 1) }
        for (step, month) in months.enumerated() {
            clock.set(stepTimes[step])
            for (index, group) in groups.enumerated() {
                if step == 0 {
                    try await receive(try await send(group, .carePlan, month: month, to: group.set.homeHelp), by: group.set.homeHelp)
                }
                let toHelp = try await send(group, .monthlyPlan, month: month, to: group.set.homeHelp)
                if step == 2 && index == 0 {
                    let problem = ImportProblem(code: Rule.required.rawValue, file: toHelp.files.first { $0.kind == "UPPLAN" }?.name, row: 2, item: 3)
                    try await receive(toHelp, by: group.set.homeHelp, outcome: ImportReportRequest(outcome: .refused, problems: [problem]))
                } else if !(step == 2 && index == 5) {
                    try await receive(toHelp, by: group.set.homeHelp)
                }
                let toDay = try await send(group, .monthlyPlan, month: month, to: group.set.dayService)
                if !(step == 0 && index == 7) { try await receive(toDay, by: group.set.dayService) }
                if step == 1 && index == 8 {
                    let mistake = try await send(group, .carePlan, month: month, to: group.set.homeHelp)
                    _ = try await delivery.withdraw(mistake, by: identities[group.careManager.id]!)
                }
                clock.advance(1)
            }
            // The 実績 of the month before, from each 訪問介護 back to its care manager.
            guard step > 0 else { continue }
            clock.set(stepTimes[step] + 4 * day)
            for group in groups {
                let results = try await send(group, .results, month: months[step - 1], to: group.set.homeHelp, from: group.set.homeHelp)
                try await receive(results, by: group.careManager.id)
                clock.advance(1)
            }
        }

        // On paper: s-cm4's first group's 利用票 for さくら駅前福祉用具, which is not on the network, sent by FAX.
        let paperGroup = groups[12]
        let paper = PaperBook(hub: hub)
        let cm4 = offices[Self.regionCareManagers[3].id]!
        let partner = try await paper.add(Self.paperEquipment.id, name: Self.paperEquipment.name, fax: "0420-00-0501", address: "東京都さくら市", for: cm4, actor: "demo")
        var factory = SampleFactory(month: months[2], userCount: 3, seed: paperGroup.seed, timestamp: FileTimestamp(Self.timestamp(clock.now, plus: 0))!)
        factory.offices = paperGroup.set
        factory.firstUser = paperGroup.firstUser
        let set = try paper.set(of: factory.files(for: .monthlyPlan).map { UploadedFile(name: $0.name.description, bytes: $0.bytes) }, for: partner, from: cm4)
        _ = try await paper.record(set, to: partner, method: .fax, by: cm4, login: Self.regionCareManagers[3].login, actor: "demo")

        // The municipality's proposals: s-cm3 with s-day7 (s-day7 accepted, s-cm3 has not answered), s-cm4 with s-help10.
        let proposal = try await book.propose(
            offices[Self.regionCareManagers[2].id]!, offices[Self.regionDayServices[6].id]!, in: region, by: viewer)
        _ = try await book.answerProposal(proposal.proposal.id, accept: true, by: offices[Self.regionDayServices[6].id]!, actor: "demo")
        _ = try await book.propose(offices[Self.regionCareManagers[3].id]!, offices[Self.regionHomeHelp[9].id]!, in: region, by: viewer)

        // 利用期間: s-cm4's trial ends in twelve days (its pages warn); s-equip1's free pass ended ten days ago (it may
        // receive, not send); the others have none recorded, so nothing binds them.
        // Periods run from a day's start to a day's start, Japan time, as the operator enters them.
        let today = JapanDate.start(JapanTime.date(now))!
        _ = try await store.addUsagePeriod(
            for: cm4, kind: .trial, from: today - 48 * day, until: today + 13 * day, note: "さくら市モデル地域のお試し", at: now, actor: "demo")
        _ = try await store.addUsagePeriod(
            for: offices[Self.regionEquipment[0].id]!, kind: .freePass, from: today - 100 * day, until: today - 9 * day, note: "", at: now, actor: "demo")

        clock.set(now)
        _ = try await hub.applyRetention()
    }

    /// A session-like identity for the seed's own operations.
    static func identity(_ account: Account, _ office: Office?, scopes: [Scope] = [.send, .receive]) -> HubIdentity {
        HubIdentity(
            account: account, office: office,
            credential: Credential(accountID: account.id, kind: .webSession, secretHash: "", label: "demo", scopes: scopes, createdAt: 0, expiresAt: .infinity))
    }

    /// The service month `offset` months from the one holding `time` (Japan time).
    static func serviceMonth(_ time: Double, offset: Int) -> YearMonth {
        let month = FiscalYear.month(of: time)
        let total = Int(month.prefix(4))! * 12 + Int(month.suffix(2))! - 1 + offset
        return YearMonth(year: total / 12, month: total % 12 + 1)!
    }

    /// A ファイル連番 (YYYYMMDDhhmmss, Japan time) at `time` plus `seconds`, so that every unit of the seed has its own.
    static func timestamp(_ time: Double, plus seconds: Int) -> String {
        let text = JapanTime.string(time + Double(seconds))
        return text.filter(\.isNumber)
    }
}
