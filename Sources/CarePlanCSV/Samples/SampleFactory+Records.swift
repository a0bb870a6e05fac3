// CarePlan Link — CarePlanCSV
// The rows of the sample files: a believable month of home care for each sample user.

/// One planned service of a sample user.
struct SampleService {
    let office: OfficeID
    /// サービスコード
    let code: String
    /// 単位数 per occurrence
    let units: Int
    /// ISO weekdays (1 = Monday … 7 = Sunday) the service is given; empty = once a month, untimed (9999).
    let weekdays: [Int]
    let start: ClockTime?
    let end: ClockTime?
    /// 単位数単価 of the office's area
    let unitPrice: UnitPrice
}

extension SampleFactory {
    /// The providers a 利用票 plans: every user's 訪問介護 and 通所介護, and some users' 福祉用具.
    var plannedOffices: [OfficeID] { [self.offices.homeHelp, self.offices.dayService, self.offices.equipment] }

    /// The services of user `index`: everyone gets 訪問介護 twice a week and 通所介護 with bathing; every third user rents a wheelchair.
    func services(of user: SampleUser) -> [SampleService] {
        let index = Int(user.insuredNumber.dropFirst().suffix(6)) ?? 0
        var services = [
            SampleService(office: self.offices.homeHelp, code: "111111", units: 244, weekdays: [1], start: ClockTime(hour: 10, minute: 0), end: ClockTime(hour: 10, minute: 30), unitPrice: UnitPrice(hundredths: 1140)),
            SampleService(office: self.offices.homeHelp, code: "116211", units: 179, weekdays: [4], start: ClockTime(hour: 14, minute: 0), end: ClockTime(hour: 14, minute: 45), unitPrice: UnitPrice(hundredths: 1140)),
            SampleService(office: self.offices.dayService, code: "155111", units: 658, weekdays: [3, 6], start: ClockTime(hour: 9, minute: 30), end: ClockTime(hour: 16, minute: 30), unitPrice: UnitPrice(hundredths: 1090)),
            SampleService(office: self.offices.dayService, code: "155211", units: 40, weekdays: [3, 6], start: ClockTime(hour: 9, minute: 30), end: ClockTime(hour: 16, minute: 30), unitPrice: UnitPrice(hundredths: 1090)),
        ]
        if index % 3 == 0 {
            services.append(SampleService(office: self.offices.equipment, code: "171001", units: 500, weekdays: [], start: nil, end: nil, unitPrice: UnitPrice(hundredths: 1000)))
        }
        return services
    }

    /// The dates of the month that fall on `weekdays`.
    func dates(on weekdays: [Int]) -> [CalendarDate] {
        (1...self.month.dayCount).compactMap { day in
            let date = CalendarDate(year: self.month.year, month: self.month.month, day: day)!
            return weekdays.contains(date.isoWeekday) ? date : nil
        }
    }

    // MARK: - 居宅 plan tables

    func table1(_ user: SampleUser) -> CarePlanTable1Record {
        CarePlanTable1Record(
            insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, userPostalCode: "101-0047",
            userAddress1: user.address, planCreatorName: "介護　支援子", careManagementOfficeName: self.offices.name(of: self.offices.careManager),
            careManagementOfficePostalCode: "102-0083", careManagementOfficeAddress1: "東京都千代田区麹町一丁目1番1号",
            careManagementOfficeCode: self.offices.careManager.number, planCreationDate: self.planDate,
            initialPlanCreationDate: CalendarDate(year: self.planDate.year - 1, month: self.planDate.month, day: 1)!, planCategory: "21",
            certificationStatus: "2", certificationDate: CalendarDate(year: self.planDate.year - 1, month: self.planDate.month, day: 10)!,
            certificationValidityStartDate: CalendarDate(year: self.planDate.year - 1, month: self.planDate.month, day: 1)!,
            certificationValidityEndDate: CalendarDate(year: self.planDate.year + 1, month: self.planDate.month, day: 1)!, careLevel: user.careLevel,
            userFamilyWishesAssessmentResult: "本人：「住み慣れた家で、できるだけ自分のことは自分でしたい」\r\n家族：日中は仕事のため、見守りをお願いしたい。",
            certificationBoardOpinion: "特になし", overallAssistancePolicy: "転倒を防ぎ、入浴・食事の習慣を保ちながら在宅生活を続けられるよう、\"できること\"を増やす支援を行います。",
            livingAssistanceBillingReason: "1", updaterOfficeCode: self.offices.careManager.number)
    }

    func table2(_ user: SampleUser) -> [CarePlanTable2Record] {
        let rows: [(Int, String, Int, String, String, Int, String, OfficeID, String)] = [
            (1, "一人で安全に入浴したい", 1, "週2回入浴できる", "浴槽をまたいで入れる", 1, "入浴介助、見守り", self.offices.dayService, "週2回"),
            (1, "", 1, "", "", 2, "送迎、機能訓練", self.offices.dayService, "週2回"),
            (2, "家事を続けたい, 買い物も", 1, "調理を続けられる", "一緒に調理できる", 1, "身体介護（調理の見守り）", self.offices.homeHelp, "週1回"),
            (2, "", 1, "", "", 2, "生活援助（掃除・買い物）", self.offices.homeHelp, "週1回"),
        ]
        return rows.map { row in
            CarePlanTable2Record(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, planCreationDate: self.planDate,
                issueNumber: row.0, issue: row.1.isEmpty ? nil : row.1, goalNumber: row.2, longTermGoal: row.3.isEmpty ? nil : row.3,
                shortTermGoal: row.4.isEmpty ? nil : row.4, longTermGoalPeriod: row.3.isEmpty ? nil : "1年", shortTermGoalPeriod: row.4.isEmpty ? nil : "6か月",
                assistanceContentNumber: row.5, serviceContent: row.6, insuranceCoverageFlag: "Y", serviceCategory: row.7 == self.offices.homeHelp ? "訪問介護" : "通所介護",
                providerOfficeCode: row.7.number, providerOfficeName: self.offices.name(of: row.7), frequency: row.8, servicePeriod: "6か月",
                updaterOfficeCode: self.offices.careManager.number)
        }
    }

    func table3(_ user: SampleUser) -> [WeeklyScheduleTable3Record] {
        let weekly = self.services(of: user).filter { !$0.weekdays.isEmpty && $0.code.hasSuffix("111") || $0.code == "116211" }
        var rows: [WeeklyScheduleTable3Record] = []
        for service in weekly {
            for weekday in service.weekdays {
                rows.append(
                    WeeklyScheduleTable3Record(
                        insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, planCreationDate: self.planDate,
                        weeklyServiceContent: service.office == self.offices.homeHelp ? "訪問介護" : "通所介護", weeklyServiceDayOfWeek: String(weekday),
                        weeklyServiceStartTime: service.start, weeklyServiceEndTime: service.end))
            }
        }
        for (activity, start, end) in [("起床・朝食", 700, 800), ("昼食", 1200, 1300), ("就寝", 2100, 2130)] {
            rows.append(
                WeeklyScheduleTable3Record(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, planCreationDate: self.planDate,
                    dailyActivity: activity, dailyActivityStartTime: ClockTime(hour: start / 100, minute: start % 100),
                    dailyActivityEndTime: ClockTime(hour: end / 100, minute: end % 100)))
        }
        rows.append(
            WeeklyScheduleTable3Record(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, planCreationDate: self.planDate,
                nonWeeklyService: "福祉用具貸与（車いす）、月1回の受診（長女同行）"))
        return rows
    }

    func supplement(_ user: SampleUser, linkedToPlan: Bool) -> SupplementaryUserInfoRecord {
        let limits = ["21": 16765, "22": 19705, "23": 27048, "24": 30938, "25": 36217]
        return SupplementaryUserInfoRecord(
            insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, planCreationDate: linkedToPlan ? self.planDate : nil,
            userNameKana: user.nameKana, userName: user.name, userGender: user.gender, userBirthDate: user.birthDate, userPostalCode: "101-0047",
            userAddress1: user.address, userPhoneNumber: "03-3264-0000", certificationDate: CalendarDate(year: self.planDate.year - 1, month: self.planDate.month, day: 10)!,
            benefitLimitStartDate: CalendarDate(year: self.planDate.year - 1, month: self.planDate.month, day: 1)!,
            benefitLimitEndDate: CalendarDate(year: self.planDate.year + 1, month: self.planDate.month, day: 1)!, certificationStatus: "2",
            careLevel: user.careLevel, categoryBenefitLimit: limits[user.careLevel], previousCareLevel: user.careLevel,
            consentReceivingOfficeCode: self.offices.careManager.number, updaterOfficeCode: self.offices.careManager.number,
            serviceMonth: linkedToPlan ? nil : self.month)
    }

    // MARK: - 第6表, 第7表, 実績

    func planRows(_ user: SampleUser, offices: [OfficeID]) -> [ServiceUsePlanRecord] {
        var rows: [ServiceUsePlanRecord] = []
        for service in self.services(of: user) where offices.contains(service.office) {
            let untimed = service.weekdays.isEmpty
            let dates = untimed ? [CalendarDate(year: self.month.year, month: self.month.month, day: 1)!] : self.dates(on: service.weekdays)
            for date in dates {
                rows.append(
                    ServiceUsePlanRecord(
                        insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                        careManagementOfficeCode: self.offices.careManager.number, careManagerName: "介護　支援子", units: service.units, serviceDate: date,
                        serviceStartTime: service.start.map(ServiceTime.at) ?? .untimed, serviceEndTime: service.end.map(ServiceTime.at) ?? .untimed,
                        serviceCount: 1, serviceCode: service.code, taisCode: service.code.hasPrefix("17") ? "00170-000123" : nil,
                        equipmentModelName: service.code.hasPrefix("17") ? "自走式車いす　ＫＸ－２２" : nil, providerOfficeCode: service.office.number,
                        providerOfficeName: self.offices.name(of: service.office), over30DaysFlag: "0", updaterOfficeCode: self.offices.careManager.number))
            }
        }
        return rows
    }

    /// 実績 from 訪問介護: the plan as given, except that the second Monday visit started 15 minutes late and the last
    /// Thursday visit did not happen (so that 予定 vs 実績 has something to show).
    func resultRows(_ user: SampleUser) -> [ServiceResultsRecord] {
        let provider = self.provider ?? self.offices.homeHelp
        let planned = self.planRows(user, offices: [provider])
        let mondays = planned.filter { $0.serviceCode == "111111" }.map(\.serviceDate)
        let lastThursday = planned.filter { $0.serviceCode == "116211" }.map(\.serviceDate).last
        return planned.compactMap { plan in
            if plan.serviceDate == lastThursday && plan.serviceCode == "116211" { return nil }
            var start = plan.serviceStartTime
            var end = plan.serviceEndTime
            if mondays.count > 1 && plan.serviceDate == mondays[1] && plan.serviceCode == "111111" {
                start = .at(ClockTime(hour: 10, minute: 15)!)
                end = .at(ClockTime(hour: 10, minute: 45)!)
            }
            return ServiceResultsRecord(
                insurerNumber: plan.insurerNumber, insuredNumber: plan.insuredNumber, createdDate: self.month.lastDate, serviceMonth: self.month,
                careManagementOfficeCode: self.offices.careManager.number, careManagerName: plan.careManagerName, units: plan.units,
                serviceDate: plan.serviceDate, serviceStartTime: start, serviceEndTime: end, serviceCount: 1, serviceCode: plan.serviceCode,
                providerOfficeCode: provider.number, providerOfficeName: self.offices.name(of: provider), over30DaysFlag: "0", updaterOfficeCode: provider.number)
        }
    }

    /// 第7表 rows, as the paper form places its columns (docs/INTERPRETATIONS.md §13): the limit and cost columns
    /// Nos.19–29 sit on the row that closes a サービス種類 — its one detail row, or its `AAAA` subtotal when it has
    /// several — and the `999999` row carries their sums. No limit is exceeded in the samples, so No.22
    /// 区分支給限度基準内単位数 = No.20 種類支給限度基準内単位数 = No.17 サービス単位/金額.
    func annexRows(_ user: SampleUser) -> [ServiceUseAnnexRecord] {
        var rows: [ServiceUseAnnexRecord] = []
        var grand = (units: 0, cost: 0, claim: 0, copayment: 0)
        let services = self.services(of: user)
        for office in self.plannedOffices {
            let own = services.filter { $0.office == office }
            guard !own.isEmpty else { continue }
            var officeTotal = 0
            var detailRows: [ServiceUseAnnexRecord] = []
            for service in own {
                let count = service.weekdays.isEmpty ? 1 : self.dates(on: service.weekdays).count
                let total = service.units * count
                officeTotal += total
                detailRows.append(
                    ServiceUseAnnexRecord(
                        insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                        providerOfficeName: self.offices.name(of: office), providerOfficeCode: office.number, serviceCode: service.code,
                        taisCode: service.code.hasPrefix("17") ? "00170-000123" : nil, equipmentModelName: service.code.hasPrefix("17") ? "自走式車いす　ＫＸ－２２" : nil,
                        units: service.units, countOrDays: count, serviceUnitsTotal: total, benefitManagementUnits: total, over30DaysFlag: "0",
                        updaterOfficeCode: self.offices.careManager.number))
            }
            // The row that closes the type: the one detail row, or a subtotal after several.
            var closing = detailRows.count == 1
                ? detailRows.removeLast()
                : ServiceUseAnnexRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                    providerOfficeName: self.offices.name(of: office), providerOfficeCode: office.number, serviceCode: office.serviceType! + "AAAA",
                    units: 0, countOrDays: 0, serviceUnitsTotal: officeTotal, benefitManagementUnits: officeTotal, over30DaysFlag: "0",
                    updaterOfficeCode: self.offices.careManager.number)
            let price = own[0].unitPrice
            let cost = officeTotal * price.hundredths / 100
            let claim = cost * 9 / 10
            closing.unitsOverTypeLimit = 0
            closing.unitsWithinTypeLimit = officeTotal
            closing.unitsOverCategoryLimit = 0
            closing.unitsWithinCategoryLimit = officeTotal
            closing.unitPrice = price
            closing.totalCostCovered = cost
            closing.benefitRate = 90
            closing.insuranceClaimAmount = claim
            closing.userCopaymentCovered = cost - claim
            closing.userCopaymentFullCost = 0
            rows += detailRows + [closing]
            grand = (grand.units + officeTotal, grand.cost + cost, grand.claim + claim, grand.copayment + cost - claim)
        }
        rows.append(
            ServiceUseAnnexRecord(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, createdDate: self.planDate, serviceMonth: self.month,
                providerOfficeCode: "9999999999", serviceCode: "999999", units: 0, countOrDays: 0, serviceUnitsTotal: grand.units,
                benefitManagementUnits: grand.units, unitsOverTypeLimit: 0, unitsWithinTypeLimit: grand.units, unitsOverCategoryLimit: 0,
                unitsWithinCategoryLimit: grand.units, totalCostCovered: grand.cost, insuranceClaimAmount: grand.claim,
                userCopaymentCovered: grand.copayment, userCopaymentFullCost: 0, over30DaysFlag: "0", fixedOfficeCode: "9999999999",
                updaterOfficeCode: self.offices.careManager.number))
        return rows
    }

    // MARK: - 介護予防

    func basicInfoFiles(_ users: [SampleUser]) -> [SampleFile] {
        let center = SampleOffices.preventionCenter
        let provider = SampleOffices.preventionDayService
        var images: [SampleFile] = []
        var basic: [BasicUserInfoRecord] = []
        var schedule: [BasicUserInfoDailyScheduleRecord] = []
        var history: [BasicUserInfoMedicalHistoryRecord] = []
        for (index, user) in users.enumerated() {
            let imageName = self.fileName(.basicUserInfoFamilyImage, center, provider, branch: index + 1)
            images.append(SampleFile(name: imageName, bytes: SampleImage.jpeg))
            basic.append(
                BasicUserInfoRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, consultationDate: self.planDate, planType: "1",
                    outsourcingStatus: "1", creatorStaffName: "包括　担当", consultationMethod: "01", consultationVisitType: "02",
                    userCurrentSituation: "01", userNameKana: user.nameKana, userName: user.name, userGender: user.gender, userBirthDate: user.birthDate,
                    userAddress: user.address, userPhoneNumber: "03-3264-0000", disabledElderlyIndependenceLevel: "11", dementiaIndependenceLevel: "02",
                    careLevel: index % 2 == 0 ? "12" : "13", basicChecklistResult: "1", housingType: "05", roomFloorNumber: 1, homeModificationStatus: "2",
                    receivesNationalPension: "1", emergencyContact1Name: "長女", emergencyContact1Relationship: "長女", emergencyContact1Phone: "090-0000-0000",
                    familyStructureImageFileName: imageName.description, familyRelationshipSituation: "長女家族と近居。週末に訪問あり。",
                    lifeHistory: "元小学校教諭。定年後は地域の合唱団で活動。", dailyLifeRoutine: "日中は自宅で読書、テレビ。",
                    hobbiesAndSkills: "合唱、園芸", consentDate: self.planDate, consenterName: user.name))
            for (time, own, family) in [("6:00", "起床、着替え", ""), ("12:00", "昼食（配食）", "長女が電話で安否確認"), ("21:00", "就寝", "")] {
                schedule.append(
                    BasicUserInfoDailyScheduleRecord(
                        insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, consultationDate: self.planDate, timeOfDay: time,
                        userDailySituation: own, caregiverFamilySituation: family.isEmpty ? nil : family))
            }
            history.append(
                BasicUserInfoMedicalHistoryRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, consultationDate: self.planDate, medicalHistoryDate: "H30年4月",
                    diseaseName: "変形性膝関節症", medicalInstitutionDoctorName: "九段整形外科　山田医師", attendingPhysicianFlag: "1",
                    medicalInstitutionPhoneNumber: "03-3230-0000", treatmentStatus: "01", treatmentDetails: "内服、月1回通院"))
        }
        return [
            SampleFile(name: self.fileName(.basicUserInfo, center, provider), bytes: try! CarePlanCSVWriter.write(basic).bytes),
            SampleFile(name: self.fileName(.basicUserInfoDailySchedule, center, provider), bytes: try! CarePlanCSVWriter.write(schedule).bytes),
            SampleFile(name: self.fileName(.basicUserInfoMedicalHistory, center, provider), bytes: try! CarePlanCSVWriter.write(history).bytes),
        ] + images
    }

    func preventionPlanFiles(_ users: [SampleUser]) -> [SampleFile] {
        let center = SampleOffices.preventionCenter
        let provider = SampleOffices.preventionDayService
        let plans = users.enumerated().map { index, user in
            PreventionPlanRecord(
                insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, planCreationDate: self.planDate, planType: "1", outsourcingStatus: "1",
                userName: user.name, planCategory: "21", certificationStatus: "2", supportNeedLevel: index % 2 == 0 ? "1" : "2",
                planCreatorCenterStaffName: "包括　担当", planCreatorOfficeName: self.offices.name(of: center), dailyLifeGoal: "毎朝散歩をする",
                yearlyLifeGoal: "合唱団の発表会に出る", mobilityCurrentSituation: "膝の痛みで長く歩けない", mobilityIssuePresence: "1",
                dailyLivingIssuePresence: "2", socialParticipationIssuePresence: "1", healthManagementIssuePresence: "2",
                overallPolicy: "膝の痛みに配慮しながら、外出の機会を保ちます。", checklistCountExercise: 3, preventionProgramNeededExercise: "1",
                consentDate: self.planDate, consenterName: user.name)
        }
        let details = users.flatMap { user in
            [
                PreventionPlanSupportDetailsRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, planCreationDate: self.planDate, issueNumber: 1,
                    comprehensiveIssue: "下肢筋力の低下", goal: "15分続けて歩ける", supportPlanNumber: 1, supportPointsForGoal: "無理のない運動を継続",
                    insuranceOrCommunityProgramService: "通所型サービス（運動器機能向上）", usedServiceNumber: 1, serviceCategory: "通所型サービス",
                    providerOfficeName: self.offices.name(of: provider), servicePeriod: "6か月"),
                PreventionPlanSupportDetailsRecord(
                    insurerNumber: user.insurerNumber, insuredNumber: user.insuredNumber, planCreationDate: self.planDate, issueNumber: 1,
                    supportPlanNumber: 2, selfCareFamilyInformalSupport: "自宅での膝の体操（毎日）", usedServiceNumber: 1, serviceCategory: "本人"),
            ]
        }
        return [
            SampleFile(name: self.fileName(.preventionPlan, center, provider), bytes: try! CarePlanCSVWriter.write(plans).bytes),
            SampleFile(name: self.fileName(.preventionPlanSupportDetails, center, provider), bytes: try! CarePlanCSVWriter.write(details).bytes),
        ]
    }
}

extension CalendarDate {
    /// ISO weekday: 1 = Monday … 7 = Sunday (Zeller's congruence).
    public var isoWeekday: Int {
        var year = self.year
        var month = self.month
        if month < 3 {
            month += 12
            year -= 1
        }
        let h = (self.day + (13 * (month + 1)) / 5 + year + year / 4 - year / 100 + year / 400) % 7  // 0 = Saturday
        return (h + 5) % 7 + 1
    }
}

extension YearMonth {
    /// The last day of the month.
    public var lastDate: CalendarDate { CalendarDate(year: self.year, month: self.month, day: self.dayCount)! }
}
