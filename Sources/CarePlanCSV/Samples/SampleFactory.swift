// CarePlan Link — CarePlanCSV

/// A named file and its bytes.
public struct SampleFile: Sendable {
    public let name: CarePlanFileName
    public let bytes: [UInt8]
}

/// Which send unit a sample is (the spec's combinations, §4).
public enum SamplePattern: String, CaseIterable, Sendable {
    /// 居宅① 第1表＋第2表＋第3表＋補足(000000)
    case carePlan = "care-plan"
    /// 居宅② 第6表＋第7表＋補足(YYYYMM)
    case monthlyPlan = "monthly-plan"
    /// 居宅③ 第1表削除
    case carePlanDeletion = "care-plan-deletion"
    /// 居宅④ 第6表予定削除
    case monthlyPlanDeletion = "monthly-plan-deletion"
    /// 実績 (provider → care manager)
    case results
    /// 実績削除
    case resultsDeletion = "results-deletion"
    /// 予防(1) 利用者基本情報＋別表1・2＋画像
    case preventionBasicInfo = "prevention-basic-info"
    /// 予防(2) 支援計画書＋別表＋基本情報一式
    case preventionPlanWithBasicInfo = "prevention-plan-with-basic-info"
    /// 予防(3) 支援計画書＋別表
    case preventionPlan = "prevention-plan"
    /// 予防(5) 基本情報削除
    case basicInfoDeletion = "basic-info-deletion"
    /// 予防(6) 支援計画書削除
    case preventionPlanDeletion = "prevention-plan-deletion"

    /// The pattern whose unit contains files of `kind`.
    public static func containing(_ kind: FileKind) -> SamplePattern {
        switch kind {
        case .carePlanTable1, .carePlanTable2, .weeklyScheduleTable3: .carePlan
        case .supplementaryUserInfo, .serviceUsePlan, .serviceUseAnnex: .monthlyPlan
        case .carePlanTable1Deletion: .carePlanDeletion
        case .serviceUsePlanDeletion: .monthlyPlanDeletion
        case .serviceResults: .results
        case .serviceResultsDeletion: .resultsDeletion
        case .basicUserInfo, .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .basicUserInfoFamilyImage: .preventionBasicInfo
        case .preventionPlan, .preventionPlanSupportDetails: .preventionPlan
        case .basicUserInfoDeletion: .basicInfoDeletion
        case .preventionPlanDeletion: .preventionPlanDeletion
        }
    }
}

/// Makes valid, realistic sample files: the same output for the same settings.
///
/// ```swift
/// let factory = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 3)
/// for file in factory.files(for: .monthlyPlan) { print(file.name) }
/// ```
public struct SampleFactory: Sendable {
    /// 対象年月 of monthly files.
    public var month: YearMonth
    public var userCount: Int
    /// The index of the first user (its 被保険者番号 is 1000000 + index): factories for different groups of users
    /// start apart.
    public var firstUser = 0
    public var seed: UInt64
    /// ファイル連番 shared by the unit's files.
    public var timestamp: FileTimestamp
    /// The offices the files name (``SampleOfficeSet/standard``: the sample 居宅 and its three providers).
    public var offices: SampleOfficeSet = .standard
    /// Where the care manager's files go and the 実績 come from: the set's 訪問介護 unless another provider of it is
    /// chosen (its 通所介護, which also appears in every user's rows).
    public var provider: OfficeID?

    public init(month: YearMonth, userCount: Int = 3, seed: UInt64 = 2025, timestamp: FileTimestamp? = nil) {
        self.month = month
        self.userCount = userCount
        self.seed = seed
        // Default: the 25th of the previous month at 18:00, when plans are usually sent.
        let previous = month.month == 1 ? YearMonth(year: month.year - 1, month: 12)! : YearMonth(year: month.year, month: month.month - 1)!
        self.timestamp = timestamp ?? FileTimestamp(previous.description + "25180000")!
    }

    /// The users of this factory.
    public var users: [SampleUser] {
        var random = SplitMix64(seed: self.seed)
        return (0..<self.userCount).map { SampleUser.make(index: self.firstUser + $0, random: &random) }
    }

    /// The plan's 作成(変更)日: the 20th of the month before the service month.
    var planDate: CalendarDate { CalendarDate(year: self.timestamp.date.year, month: self.timestamp.date.month, day: 20)! }

    /// The files of one send unit of `pattern`.
    public func files(for pattern: SamplePattern) -> [SampleFile] {
        let users = self.users
        let careManager = self.offices.careManager
        let provider = self.provider ?? self.offices.homeHelp
        switch pattern {
        case .carePlan:
            return [
                self.file(.carePlanTable1, careManager, provider, users.map(self.table1)),
                self.file(.carePlanTable2, careManager, provider, users.flatMap(self.table2)),
                self.file(.weeklyScheduleTable3, careManager, provider, users.flatMap(self.table3)),
                self.file(.supplementaryUserInfo, careManager, provider, users.map { self.supplement($0, linkedToPlan: true) }, month: .unlinked),
            ]
        case .monthlyPlan:
            return [
                self.file(.serviceUsePlan, careManager, provider, users.flatMap { self.planRows($0, offices: self.plannedOffices) }, month: .month(self.month)),
                self.file(.serviceUseAnnex, careManager, provider, users.flatMap(self.annexRows), month: .month(self.month)),
                self.file(.supplementaryUserInfo, careManager, provider, users.map { self.supplement($0, linkedToPlan: false) }, month: .month(self.month)),
            ]
        case .carePlanDeletion:
            return [
                self.file(.carePlanTable1Deletion, careManager, provider, users.map {
                    CarePlanTable1DeletionRecord(insurerNumber: $0.insurerNumber, insuredNumber: $0.insuredNumber, planCreationDate: self.planDate)
                })
            ]
        case .monthlyPlanDeletion:
            return [
                self.file(.serviceUsePlanDeletion, careManager, provider, users.map {
                    ServiceUsePlanDeletionRecord(insurerNumber: $0.insurerNumber, insuredNumber: $0.insuredNumber, serviceMonth: self.month)
                }, month: .month(self.month))
            ]
        case .results:
            return [self.file(.serviceResults, provider, careManager, users.flatMap { self.resultRows($0) }, month: .month(self.month))]
        case .resultsDeletion:
            return [
                self.file(.serviceResultsDeletion, provider, careManager, users.map {
                    ServiceResultsDeletionRecord(
                        insurerNumber: $0.insurerNumber, insuredNumber: $0.insuredNumber, serviceMonth: self.month, providerOfficeCode: provider.number,
                        serviceTypeCode: provider.serviceType!)
                }, month: .month(self.month))
            ]
        case .preventionBasicInfo:
            return self.basicInfoFiles(users)
        case .preventionPlanWithBasicInfo:
            return self.basicInfoFiles(users) + self.preventionPlanFiles(users)
        case .preventionPlan:
            return self.preventionPlanFiles(users)
        case .basicInfoDeletion:
            return [
                self.file(.basicUserInfoDeletion, SampleOffices.preventionCenter, SampleOffices.preventionDayService, users.map {
                    BasicUserInfoDeletionRecord(insurerNumber: $0.insurerNumber, insuredNumber: $0.insuredNumber, consultationDate: self.planDate)
                })
            ]
        case .preventionPlanDeletion:
            return [
                self.file(.preventionPlanDeletion, SampleOffices.preventionCenter, SampleOffices.preventionDayService, users.map {
                    PreventionPlanDeletionRecord(insurerNumber: $0.insurerNumber, insuredNumber: $0.insuredNumber, planCreationDate: self.planDate)
                })
            ]
        }
    }

    /// Writes a large 第6表 + 第7表 (+ 補足) month for `userCount` users in constant memory, user by user (benchmarks).
    public func streamMonthlyPlan(
        plan: (ArraySlice<UInt8>) -> Void, annex: (ArraySlice<UInt8>) -> Void, supplement: ((ArraySlice<UInt8>) -> Void)? = nil
    ) {
        let planLayout = FileLayout.current(.serviceUsePlan)
        let annexLayout = FileLayout.current(.serviceUseAnnex)
        let supplementLayout = FileLayout.current(.supplementaryUserInfo)
        var random = SplitMix64(seed: self.seed)
        for index in 0..<self.userCount {
            let user = SampleUser.make(index: index, random: &random)
            var output = CarePlanCSVWriter.Output(bytes: [], substitutions: [])
            for record in self.planRows(user, offices: self.plannedOffices) {
                try! CarePlanCSVWriter.appendRecord(record.fieldTexts, layout: planLayout, row: index + 1, substitution: .strict, to: &output)
            }
            plan(output.bytes[...])
            output.bytes.removeAll(keepingCapacity: true)
            for record in self.annexRows(user) {
                try! CarePlanCSVWriter.appendRecord(record.fieldTexts, layout: annexLayout, row: index + 1, substitution: .strict, to: &output)
            }
            annex(output.bytes[...])
            if let supplement {
                output.bytes.removeAll(keepingCapacity: true)
                let record = self.supplement(user, linkedToPlan: false)
                try! CarePlanCSVWriter.appendRecord(record.fieldTexts, layout: supplementLayout, row: index + 1, substitution: .strict, to: &output)
                supplement(output.bytes[...])
            }
        }
    }

    /// The file name a pattern's file of `kind` gets.
    func fileName(_ kind: FileKind, _ sender: OfficeID, _ recipient: OfficeID, month: CarePlanFileName.MonthToken? = nil, branch: Int? = nil) -> CarePlanFileName {
        CarePlanFileName(kind: kind, month: month, sender: sender, recipient: recipient, timestamp: self.timestamp, imageBranch: branch)
    }

    private func file<Record: CarePlanRecord>(
        _ kind: FileKind, _ sender: OfficeID, _ recipient: OfficeID, _ records: [Record], month: CarePlanFileName.MonthToken? = nil
    ) -> SampleFile {
        // Sample text is chosen inside MS932, so writing cannot fail.
        SampleFile(name: self.fileName(kind, sender, recipient, month: month), bytes: try! CarePlanCSVWriter.write(records).bytes)
    }
}
