// CarePlan Link — CarePlanCSV
// The vendor test patterns (ベンダーテストのパターン): one per send unit of spec §4, 居宅 and 予防 apart.

/// A vendor test pattern (テストパターン): one kind of send unit (送信単位, spec §4) that a care-software vendor's export
/// must contain, in the 居宅 or the 介護予防 flow.
///
/// The members of each pattern come from ``SendUnitValidator``'s table of combinations: ``requiredKinds`` is the
/// pattern's parent file plus the members the spec lists for it, ``optionalKinds`` the other files the unit may hold.
/// 予防 利用票・実績 reuse the 居宅 file kinds (UPPLAN, UPSIKYU, UPHOSOKU, UPJSK and their deletes); they are told apart by
/// the service types in the file name (see ``group(sender:recipient:)``).
public enum ConformancePattern: String, CaseIterable, Codable, Sendable, Comparable {
    /// 居宅① 計画書: 第1表＋第2表＋第3表＋利用者補足情報（提供年月000000） (UP1KYO, UP2KYO, UP3KYO, UPHOSOKU).
    case carePlan = "care-plan"
    /// 居宅③ 計画書削除: 第1表削除 (DLT1KYO).
    case carePlanDeletion = "care-plan-deletion"
    /// 居宅② 利用票: 第6表＋第7表＋利用者補足情報（対象年月YYYYMM） (UPPLAN, UPSIKYU, UPHOSOKU).
    case usePlan = "use-plan"
    /// 居宅④ 利用票削除: 第6表予定削除 (DLTPLAN).
    case usePlanDeletion = "use-plan-deletion"
    /// 居宅 実績: 実績情報 (UPJSK), from the provider.
    case results
    /// 居宅 実績削除: 実績情報削除 (DLTJSK), from the provider.
    case resultsDeletion = "results-deletion"
    /// 予防(1) 利用者基本情報＋別表1・別表2（＋家族構成画像） (UPKIHON, UPKIHON_SUB1, UPKIHON_SUB2, UPKIHON_IMAGE).
    case preventionBasicInfo = "prevention-basic-info"
    /// 予防(5) 利用者基本情報削除 (DLTKIHON).
    case preventionBasicInfoDeletion = "prevention-basic-info-deletion"
    /// 予防(3) 介護予防サービス・支援計画書＋別表 (UPYOBO, UPYOBO_SUB).
    case preventionPlan = "prevention-plan"
    /// 予防(6) 介護予防サービス・支援計画書削除 (DLTYOBO).
    case preventionPlanDeletion = "prevention-plan-deletion"
    /// 予防(4) 介護予防サービス利用票＋別表＋補足 (UPPLAN, UPSIKYU, UPHOSOKU), sent by a 地域包括支援センター or for 予防 services.
    case preventionUsePlan = "prevention-use-plan"
    /// 予防(7) 介護予防サービス利用票削除 (DLTPLAN).
    case preventionUsePlanDeletion = "prevention-use-plan-deletion"
    /// 予防(8) 介護予防 実績 (UPJSK), from a 予防 or 総合事業 provider.
    case preventionResults = "prevention-results"
    /// 予防(9) 介護予防 実績削除 (DLTJSK).
    case preventionResultsDeletion = "prevention-results-deletion"

    /// The flow a pattern belongs to: 居宅 (介護給付) or 介護予防 (予防給付・総合事業).
    public enum Group: String, CaseIterable, Codable, Sendable {
        /// 居宅: 居宅介護支援 and 介護給付 services.
        case home
        /// 予防: 介護予防支援・介護予防ケアマネジメント and 予防給付・総合事業 services.
        case prevention

        /// 居宅 / 予防
        public var japanese: String {
            switch self {
            case .home: "居宅"
            case .prevention: "予防"
            }
        }

        /// The English name of the flow.
        public var english: String {
            switch self {
            case .home: "home care"
            case .prevention: "prevention"
            }
        }
    }

    /// The spec's Japanese name of the pattern, with its send-unit number of spec §4.
    public var japaneseTitle: String {
        switch self {
        case .carePlan: "居宅① 計画書（第1・2・3表＋補足）"
        case .carePlanDeletion: "居宅③ 計画書削除（第1表削除）"
        case .usePlan: "居宅② 利用票（第6・7表＋補足）"
        case .usePlanDeletion: "居宅④ 利用票削除（第6表予定削除）"
        case .results: "居宅 実績"
        case .resultsDeletion: "居宅 実績削除"
        case .preventionBasicInfo: "予防(1) 利用者基本情報（＋別表1・2・画像）"
        case .preventionBasicInfoDeletion: "予防(5) 利用者基本情報削除"
        case .preventionPlan: "予防(3) 介護予防サービス・支援計画書（＋別表）"
        case .preventionPlanDeletion: "予防(6) 介護予防サービス・支援計画書削除"
        case .preventionUsePlan: "予防(4) 利用票（第6・7表＋補足）"
        case .preventionUsePlanDeletion: "予防(7) 利用票削除"
        case .preventionResults: "予防(8) 実績"
        case .preventionResultsDeletion: "予防(9) 実績削除"
        }
    }

    /// The English name of the pattern.
    public var englishTitle: String {
        switch self {
        case .carePlan: "care plan (tables 1, 2, 3 + supplement)"
        case .carePlanDeletion: "care plan deletion (table 1 delete)"
        case .usePlan: "service use plan (tables 6, 7 + supplement)"
        case .usePlanDeletion: "service use plan deletion"
        case .results: "service results"
        case .resultsDeletion: "service results deletion"
        case .preventionBasicInfo: "basic user information (+ annexes 1, 2, image)"
        case .preventionBasicInfoDeletion: "basic user information deletion"
        case .preventionPlan: "prevention service/support plan (+ annex)"
        case .preventionPlanDeletion: "prevention service/support plan deletion"
        case .preventionUsePlan: "prevention service use plan (tables 6, 7 + supplement)"
        case .preventionUsePlanDeletion: "prevention service use plan deletion"
        case .preventionResults: "prevention service results"
        case .preventionResultsDeletion: "prevention service results deletion"
        }
    }

    /// 居宅 or 予防.
    public var group: Group {
        switch self {
        case .carePlan, .carePlanDeletion, .usePlan, .usePlanDeletion, .results, .resultsDeletion: .home
        default: .prevention
        }
    }

    /// The file that makes a unit this pattern (親ファイル): 第1表, 第6表, 実績, 基本情報, 支援計画書 or a delete file.
    public var parentKind: FileKind {
        switch self {
        case .carePlan: .carePlanTable1
        case .carePlanDeletion: .carePlanTable1Deletion
        case .usePlan, .preventionUsePlan: .serviceUsePlan
        case .usePlanDeletion, .preventionUsePlanDeletion: .serviceUsePlanDeletion
        case .results, .preventionResults: .serviceResults
        case .resultsDeletion, .preventionResultsDeletion: .serviceResultsDeletion
        case .preventionBasicInfo: .basicUserInfo
        case .preventionBasicInfoDeletion: .basicUserInfoDeletion
        case .preventionPlan: .preventionPlan
        case .preventionPlanDeletion: .preventionPlanDeletion
        }
    }

    /// The files a unit of this pattern must hold (必須): the parent first, then the members spec §4 lists with it.
    public var requiredKinds: [FileKind] {
        let expected = SendUnitValidator.pattern(for: [self.parentKind]).expected
        return [self.parentKind] + FileKind.allCases.filter { expected.contains($0) && $0 != self.parentKind }
    }

    /// The files a unit of this pattern may hold besides the required ones (e.g. the family image of 基本情報).
    public var optionalKinds: [FileKind] {
        let allowed = SendUnitValidator.pattern(for: [self.parentKind]).allowed
        let required = Set(self.requiredKinds)
        return FileKind.allCases.filter { allowed.contains($0) && !required.contains($0) }
    }

    /// Every kind a unit of this pattern may hold.
    public var memberKinds: [FileKind] { self.requiredKinds + self.optionalKinds }

    /// Whether the pattern shares its file kinds with a pattern of the other group (利用票, 実績 and their deletes), so
    /// that only the file name's service types tell which one a unit is.
    var sharesKindsAcrossGroups: Bool {
        switch self.parentKind {
        case .serviceUsePlan, .serviceUsePlanDeletion, .serviceResults, .serviceResultsDeletion: true
        default: false
        }
    }

    /// The flow of a unit between `sender` and `recipient`: 予防 when either office's service type (サービス種類コード in
    /// the file name) is 介護予防支援 (46), 介護予防ケアマネジメント (AF), a 予防給付 type (62, 63, 64, 66, 67, 24, 25, 26, 2B,
    /// 34, 74, 75, 69, 39, …) or a 総合事業 type (A1–A8); 居宅 otherwise. 3.x names carry no service types, and 3.x had no
    /// 介護予防 files, so their units are 居宅.
    public static func group(sender: OfficeID, recipient: OfficeID) -> Group {
        for office in [sender, recipient] {
            guard let token = office.serviceType else { continue }
            // 4.0 names carried a 3-character service code whose first two characters are the service type.
            if let type = ServiceType.named(token) ?? ServiceType.named(String(token.prefix(2))), type.isPreventionSide {
                return .prevention
            }
        }
        return .home
    }

    /// The patterns a send unit made of files named `names` counts for: the pattern(s) of its parent file (a
    /// 予防(2) unit, 支援計画書＋基本情報, counts for both ``preventionBasicInfo`` and ``preventionPlan``), or, for a unit
    /// that lacks its parent, the pattern its other files belong to (so that the missing parent is reported there).
    /// A 利用者補足情報 with month `000000` belongs to 計画書, one with a month to 利用票.
    public static func patterns(of names: [CarePlanFileName]) -> [ConformancePattern] {
        guard let first = names.first else { return [] }
        let kinds = Set(names.map(\.kind))
        let group = Self.group(sender: first.sender, recipient: first.recipient)
        let candidates = Self.allCases.filter { !$0.sharesKindsAcrossGroups || $0.group == group }
        let parents = candidates.filter { kinds.contains($0.parentKind) }
        if !parents.isEmpty { return parents }
        var result: [ConformancePattern] = []
        for kind in FileKind.allCases where kinds.contains(kind) {
            var matches = candidates.filter { $0.memberKinds.contains(kind) }
            if kind == .supplementaryUserInfo {
                let unlinked = names.first { $0.kind == kind }?.month == .unlinked
                matches = matches.filter { ($0.parentKind == .carePlanTable1) == unlinked }
            }
            if let match = matches.first, !result.contains(match) { result.append(match) }
        }
        return result
    }

    public static func < (lhs: ConformancePattern, rhs: ConformancePattern) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}

/// Which party's export a conformance run judges (テスト対象の立場): the patterns that party must produce.
///
/// A pattern counts toward the verdict only when its group (居宅 / 予防) has at least one file in the export, so that a
/// vendor that makes only 居宅 software is not failed for the 予防 patterns; when the export holds no file of the side's
/// groups at all, every pattern of the side is required (and reported missing).
public enum ConformanceSide: String, CaseIterable, Codable, Sendable {
    /// 居宅介護支援事業所 (ケアマネジャー): 計画書, 利用票 and their deletes.
    case careManager = "care-manager"
    /// サービス事業所: 実績 and 実績削除 (居宅 and 予防).
    case provider
    /// 地域包括支援センター (介護予防支援): 基本情報, 支援計画書, 予防 利用票 and their deletes.
    case preventionCenter = "prevention-center"
    /// Every pattern (both directions, e.g. a vendor test of a suite that makes both sides).
    case all

    /// The patterns this party outputs.
    public var patterns: [ConformancePattern] {
        switch self {
        case .careManager: [.carePlan, .carePlanDeletion, .usePlan, .usePlanDeletion]
        case .provider: [.results, .resultsDeletion, .preventionResults, .preventionResultsDeletion]
        case .preventionCenter:
            [.preventionBasicInfo, .preventionBasicInfoDeletion, .preventionPlan, .preventionPlanDeletion, .preventionUsePlan, .preventionUsePlanDeletion]
        case .all: ConformancePattern.allCases
        }
    }

    /// The patterns that decide the verdict when files of `presentGroups` are in the export.
    public func requiredPatterns(presentGroups: Set<ConformancePattern.Group>) -> [ConformancePattern] {
        let inPresentGroups = self.patterns.filter { presentGroups.contains($0.group) }
        return inPresentGroups.isEmpty ? self.patterns : inPresentGroups
    }

    /// 立場の日本語名
    public var japanese: String {
        switch self {
        case .careManager: "居宅介護支援事業所"
        case .provider: "サービス事業所"
        case .preventionCenter: "地域包括支援センター"
        case .all: "すべて"
        }
    }
}

extension ServiceType {
    /// 介護予防支援・介護予防ケアマネジメント, 予防給付 or 総合事業: the service type of the 予防 flow.
    var isPreventionSide: Bool {
        self.category == .preventionBenefit || self.category == .comprehensiveProgram || self.code == "46" || self.code == "AF"
    }
}
