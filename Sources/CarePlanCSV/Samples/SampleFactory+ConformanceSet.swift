// CarePlan Link — CarePlanCSV
// The canonical conformance sample set (ベンダーテスト用サンプル一式): every test pattern, every rule at its valid edge.

extension SampleFactory {
    /// The conformance sample set (ベンダーテスト用サンプル一式) vendors import: one send unit per ``ConformancePattern``,
    /// each with its own ファイル連番 (the pattern's index as the seconds, in ``ConformancePattern`` order, so that a
    /// delete unit comes after the unit it deletes), every file valid and exercising the rules at their valid edge:
    ///
    /// * multi-user files: at least four users (``userCount`` when larger), one of them 生保単独 with the H-form
    ///   被保険者番号 (`H` + 9 digits);
    /// * MS932 edge characters that round-trip: 髙 and 﨑 (IBM extensions), ① and ㈱ (NEC row 13), ⅰ (IBM extension),
    ///   ～ (U+FF5E, not the wave dash), half-width katakana (ﾀｶﾊｼ ｻｷｺ) and the ideographic space;
    /// * free text with commas, double quotes and CRLF line breaks (第1表, 第2表, office names);
    /// * 9999 start and end times (福祉用具貸与, untimed), a 日割対象日 mask, 第7表 subtotal rows (種類+AAAA) and the
    ///   999999 total row, and rows of other providers in 第6表/第7表;
    /// * 予防 利用票 and 実績 between the 地域包括支援センター (46) and a 総合事業 provider (A6), with a 介護予防福祉用具貸与 (67)
    ///   row of another provider;
    /// * delete files that remove the last user's data only, so that after import the other users' data remain
    ///   (``ImportCheck`` expects exactly that).
    ///
    /// The users start at index 95 of the sample population (so that the 97th, index 96, is the 生保単独 user) and the
    /// offices are ``SampleOfficeSet/standard`` with edge-character names; ``month``, ``timestamp`` (apart from its
    /// seconds) and ``seed`` are this factory's.
    public func conformanceSet() -> [SampleFile] {
        var factory = self
        factory.firstUser = 95
        factory.userCount = max(4, self.userCount)
        factory.offices = Self.conformanceOffices
        factory.provider = nil
        let users = factory.conformanceUsers
        return ConformancePattern.allCases.enumerated().flatMap { index, pattern in
            factory.numbered(index).conformanceFiles(for: pattern, users: users)
        }
    }

    /// The standard offices with names that hold edge characters (㈱, ⅰ, 髙﨑, ～, half-width kana, a comma and quotes).
    static let conformanceOffices: SampleOfficeSet = {
        var names = SampleOffices.names
        names[SampleOffices.careManager.number] = "ちよだ居宅介護支援センター①"
        names[SampleOffices.homeHelp.number] = "㈱神田ヘルパーステーション　ⅰ号館"
        names[SampleOffices.dayService.number] = "麹町デイサービス髙﨑"
        names[SampleOffices.equipment.number] = "九段福祉用具～ﾚﾝﾀﾙ館～"
        names[SampleOffices.preventionDayService.number] = "富士見通所サービス, \"げんき\"教室"
        return SampleOfficeSet(
            careManager: SampleOffices.careManager, homeHelp: SampleOffices.homeHelp, dayService: SampleOffices.dayService,
            equipment: SampleOffices.equipment, names: names)
    }()

    /// This factory's users, the first renamed with edge characters.
    var conformanceUsers: [SampleUser] {
        var users = self.users
        let first = users[0]
        users[0] = SampleUser(
            insurerNumber: first.insurerNumber, insuredNumber: first.insuredNumber, name: "髙橋　﨑子", nameKana: "ﾀｶﾊｼ ｻｷｺ", gender: "2",
            birthDate: first.birthDate, address: "東京都千代田区神田一丁目１番～３番　コーポ①号室", careLevel: first.careLevel)
        return users
    }

    /// The files of one pattern's unit for `users`; delete files name the last user only.
    func conformanceFiles(for pattern: ConformancePattern, users: [SampleUser]) -> [SampleFile] {
        let careManager = self.offices.careManager
        let provider = self.offices.homeHelp
        let center = SampleOffices.preventionCenter
        let preventionProvider = SampleOffices.preventionDayService
        let deleted = users[users.count - 1]
        switch pattern {
        case .carePlan:
            var table1 = users.map(self.table1)
            table1[0].certificationBoardOpinion = "特になし, ただし\"見守り\"を重視すること\r\n（審査会意見：サービスの種類の指定なし）"
            var table2 = users.flatMap(self.table2)
            table2[0].serviceContent = "入浴介助、見守り（\"声かけ\"を含む, 毎回）\r\n洗身は本人が行う"
            return [
                self.conformanceFile(.carePlanTable1, careManager, provider, table1),
                self.conformanceFile(.carePlanTable2, careManager, provider, table2),
                self.conformanceFile(.weeklyScheduleTable3, careManager, provider, users.flatMap(self.table3)),
                self.conformanceFile(
                    .supplementaryUserInfo, careManager, provider, users.map { self.supplement($0, linkedToPlan: true) }, month: .unlinked),
            ]
        case .carePlanDeletion:
            return [
                self.conformanceFile(
                    .carePlanTable1Deletion, careManager, provider,
                    [CarePlanTable1DeletionRecord(insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, planCreationDate: self.planDate)])
            ]
        case .usePlan:
            var plan = users.flatMap { self.planRows($0, offices: self.plannedOffices) }
            // 日割: the wheelchair rental starts on the 15th.
            if let index = plan.firstIndex(where: { $0.serviceCode.hasPrefix("17") }) {
                plan[index].proratedDaysMask = DayMask(days: 15...self.month.dayCount)
            }
            return [
                self.conformanceFile(.serviceUsePlan, careManager, provider, plan, month: .month(self.month)),
                self.conformanceFile(.serviceUseAnnex, careManager, provider, users.flatMap(self.annexRows), month: .month(self.month)),
                self.conformanceFile(
                    .supplementaryUserInfo, careManager, provider, users.map { self.supplement($0, linkedToPlan: false) }, month: .month(self.month)),
            ]
        case .usePlanDeletion:
            return [
                self.conformanceFile(
                    .serviceUsePlanDeletion, careManager, provider,
                    [ServiceUsePlanDeletionRecord(insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, serviceMonth: self.month)],
                    month: .month(self.month))
            ]
        case .results:
            return [self.conformanceFile(.serviceResults, provider, careManager, users.flatMap { self.resultRows($0) }, month: .month(self.month))]
        case .resultsDeletion:
            return [
                self.conformanceFile(
                    .serviceResultsDeletion, provider, careManager,
                    [
                        ServiceResultsDeletionRecord(
                            insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, serviceMonth: self.month,
                            providerOfficeCode: provider.number, serviceTypeCode: provider.serviceType!)
                    ], month: .month(self.month))
            ]
        case .preventionBasicInfo:
            return self.basicInfoFiles(users)
        case .preventionBasicInfoDeletion:
            return [
                self.conformanceFile(
                    .basicUserInfoDeletion, center, preventionProvider,
                    [BasicUserInfoDeletionRecord(insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, consultationDate: self.planDate)])
            ]
        case .preventionPlan:
            return self.preventionPlanFiles(users)
        case .preventionPlanDeletion:
            return [
                self.conformanceFile(
                    .preventionPlanDeletion, center, preventionProvider,
                    [PreventionPlanDeletionRecord(insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, planCreationDate: self.planDate)])
            ]
        case .preventionUsePlan:
            return [
                self.conformanceFile(.serviceUsePlan, center, preventionProvider, users.flatMap(self.preventionPlanRows), month: .month(self.month)),
                self.conformanceFile(.serviceUseAnnex, center, preventionProvider, users.flatMap(self.preventionAnnexRows), month: .month(self.month)),
                self.conformanceFile(
                    .supplementaryUserInfo, center, preventionProvider, users.map(self.preventionSupplement), month: .month(self.month)),
            ]
        case .preventionUsePlanDeletion:
            return [
                self.conformanceFile(
                    .serviceUsePlanDeletion, center, preventionProvider,
                    [ServiceUsePlanDeletionRecord(insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, serviceMonth: self.month)],
                    month: .month(self.month))
            ]
        case .preventionResults:
            return [
                self.conformanceFile(.serviceResults, preventionProvider, center, users.flatMap(self.preventionResultRows), month: .month(self.month))
            ]
        case .preventionResultsDeletion:
            return [
                self.conformanceFile(
                    .serviceResultsDeletion, preventionProvider, center,
                    [
                        ServiceResultsDeletionRecord(
                            insurerNumber: deleted.insurerNumber, insuredNumber: deleted.insuredNumber, serviceMonth: self.month,
                            providerOfficeCode: preventionProvider.number, serviceTypeCode: preventionProvider.serviceType!)
                    ], month: .month(self.month))
            ]
        }
    }

    // MARK: - 予防 利用票・実績

    /// 通所型サービス（独自）: one visit per Wednesday, 436 units each.
    private static let preventionVisitCode = "A61211"
    private static let preventionVisitUnits = 436
    /// 介護予防福祉用具貸与 of the 福祉用具 office: every second user, untimed (9999), from the 15th (日割).
    private static let preventionRentalCode = "671001"
    private static let preventionRentalUnits = 500

    private func hasPreventionRental(_ user: SampleUser) -> Bool {
        (Int(user.insuredNumber.dropFirst().suffix(6)) ?? 0) % 2 == 0
    }

    /// 予防 第6表: the 総合事業 visits and, for every second user, the rental of another provider.
    func preventionPlanRows(_ user: SampleUser) -> [ServiceUsePlanRecord] {
        let center = SampleOffices.preventionCenter
        let provider = SampleOffices.preventionDayService
        var rows = self.dates(on: [3]).map { date in
            ServiceUsePlanRecord(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                careManagementOfficeCode: center.number, careManagerName: "包括　担当", units: Self.preventionVisitUnits, serviceDate: date,
                serviceStartTime: .at(ClockTime(hour: 10, minute: 0)!), serviceEndTime: .at(ClockTime(hour: 12, minute: 0)!), serviceCount: 1,
                serviceCode: Self.preventionVisitCode, providerOfficeCode: provider.number, providerOfficeName: self.offices.name(of: provider),
                over30DaysFlag: "0", updaterOfficeCode: center.number)
        }
        if self.hasPreventionRental(user) {
            rows.append(
                ServiceUsePlanRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                    careManagementOfficeCode: center.number, careManagerName: "包括　担当", units: Self.preventionRentalUnits,
                    serviceDate: CalendarDate(year: self.month.year, month: self.month.month, day: 15)!, proratedDaysMask: DayMask(days: 15...self.month.dayCount),
                    serviceStartTime: .untimed, serviceEndTime: .untimed, serviceCount: 1, serviceCode: Self.preventionRentalCode, taisCode: "00170-000123",
                    equipmentModelName: "歩行器　ＷＡ－１", providerOfficeCode: SampleOffices.equipment.number,
                    providerOfficeName: self.offices.name(of: SampleOffices.equipment), over30DaysFlag: "0", updaterOfficeCode: center.number))
        }
        return rows
    }

    /// 予防 第7表: a row per service, no subtotals (one code per service type), and the 999999 total row.
    func preventionAnnexRows(_ user: SampleUser) -> [ServiceUseAnnexRecord] {
        let center = SampleOffices.preventionCenter
        let provider = SampleOffices.preventionDayService
        var services: [(office: OfficeID, code: String, units: Int, count: Int, price: UnitPrice, tais: String?, model: String?)] = [
            (provider, Self.preventionVisitCode, Self.preventionVisitUnits, self.dates(on: [3]).count, UnitPrice(hundredths: 1090), nil, nil)
        ]
        if self.hasPreventionRental(user) {
            services.append(
                (SampleOffices.equipment, Self.preventionRentalCode, Self.preventionRentalUnits, 1, UnitPrice(hundredths: 1000), "00170-000123", "歩行器　ＷＡ－１"))
        }
        var rows: [ServiceUseAnnexRecord] = []
        var grandTotal = 0
        for service in services {
            let total = service.units * service.count
            grandTotal += total
            let cost = total * service.price.hundredths / 100
            let claim = cost * 9 / 10
            rows.append(
                ServiceUseAnnexRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                    providerOfficeName: self.offices.name(of: service.office), providerOfficeCode: service.office.number, serviceCode: service.code,
                    taisCode: service.tais, equipmentModelName: service.model, units: service.units, countOrDays: service.count, serviceUnitsTotal: total,
                    benefitManagementUnits: total, unitPrice: service.price, totalCostCovered: cost, benefitRate: 90, insuranceClaimAmount: claim,
                    userCopaymentCovered: cost - claim, over30DaysFlag: "0", updaterOfficeCode: center.number))
        }
        rows.append(
            ServiceUseAnnexRecord(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                providerOfficeCode: "9999999999", serviceCode: "999999", units: 0, countOrDays: 0, serviceUnitsTotal: grandTotal,
                benefitManagementUnits: grandTotal, over30DaysFlag: "0", fixedOfficeCode: "9999999999", updaterOfficeCode: center.number))
        return rows
    }

    /// 予防 利用者補足情報 (対象年月): 要支援 levels and the center as 同意書受付業者 and 更新業者.
    func preventionSupplement(_ user: SampleUser) -> SupplementaryUserInfoRecord {
        let center = SampleOffices.preventionCenter
        let level = (Int(user.insuredNumber.dropFirst().suffix(6)) ?? 0) % 2 == 0 ? "12" : "13"
        var record = self.supplement(user, linkedToPlan: false)
        record.careLevel = level
        record.previousCareLevel = level
        record.categoryBenefitLimit = level == "12" ? 5032 : 10531
        record.consentReceivingOfficeCode = center.number
        record.updaterOfficeCode = center.number
        return record
    }

    /// 予防 実績 from the 総合事業 provider: every planned visit but the last.
    func preventionResultRows(_ user: SampleUser) -> [ServiceResultsRecord] {
        let center = SampleOffices.preventionCenter
        let provider = SampleOffices.preventionDayService
        let visits = self.preventionPlanRows(user).filter { $0.serviceCode == Self.preventionVisitCode }.dropLast()
        return visits.map { plan in
            ServiceResultsRecord(
                insurerNumber: plan.insurerNumber, insuredNumber: plan.insuredNumber, createdDate: self.month.lastDate, serviceMonth: self.month,
                careManagementOfficeCode: center.number, careManagerName: plan.careManagerName, units: plan.units, serviceDate: plan.serviceDate,
                serviceStartTime: plan.serviceStartTime, serviceEndTime: plan.serviceEndTime, serviceCount: 1, serviceCode: plan.serviceCode,
                providerOfficeCode: provider.number, providerOfficeName: self.offices.name(of: provider), over30DaysFlag: "0",
                updaterOfficeCode: provider.number)
        }
    }

    private func conformanceFile<Record: CarePlanRecord>(
        _ kind: FileKind, _ sender: OfficeID, _ recipient: OfficeID, _ records: [Record], month: CarePlanFileName.MonthToken? = nil
    ) -> SampleFile {
        // Every text of the set is chosen inside MS932, so writing cannot fail.
        SampleFile(name: self.fileName(kind, sender, recipient, month: month), bytes: try! CarePlanCSVWriter.write(records).bytes)
    }
}
