// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

// The names pages show for the hub's states and the spec's kinds, in the page's language (``PageText``). The API
// keeps the Japanese names (`stateLabel`), which care software shows as they are.

extension UnitState {
    /// 受付済 / Accepted, …
    var pageLabel: String { PageText.pick(self.japanese, self.englishLabel) }

    private var englishLabel: String {
        switch self {
        case .accepted: "Accepted"
        case .downloaded: "Received"
        case .imported: "Imported"
        case .importRefused: "Import refused"
        case .withdrawn: "Withdrawn"
        case .expired: "Expired"
        }
    }
}

extension UnitKindGroup {
    var pageLabel: String { PageText.pick(self.japanese, self.englishLabel) }

    private var englishLabel: String {
        switch self {
        case .carePlan: "Care plan (tables 1–3)"
        case .usePlan: "Service use plan and annex"
        case .results: "Results"
        case .basicInfo: "Basic user information"
        case .preventionPlan: "Prevention care plan"
        case .deletion: "Deletions"
        }
    }
}

extension PartnerStanding {
    var pageLabel: String { PageText.pick(self.japanese, self.englishLabel) }

    private var englishLabel: String {
        switch self {
        case .linked: "Linked"
        case .requested: "Requested"
        case .incoming: "Waiting for your answer"
        case .declined: "Declined by them"
        case .declinedByYou: "Declined by you"
        }
    }
}

extension PaperDelivery.Method {
    var pageLabel: String { PageText.pick(self.japanese, self.englishLabel) }

    private var englishLabel: String {
        switch self {
        case .fax: "Faxed"
        case .mail: "Posted"
        case .hand: "Handed over"
        }
    }
}

extension FileKind {
    /// The spec's name of the file kind (第6表 サービス利用票（予定）…); on English pages the spec's table with an
    /// English name.
    var pageName: String { PageText.pick(self.japaneseName, self.englishName) }

    private var englishName: String {
        switch self {
        case .supplementaryUserInfo: "Supplementary user information"
        case .carePlanTable1: "Table 1 care plan (1)"
        case .carePlanTable1Deletion: "Table 1 care plan (1), deletion"
        case .carePlanTable2: "Table 2 care plan (2)"
        case .weeklyScheduleTable3: "Table 3 weekly schedule"
        case .serviceUsePlan: "Table 6 service use plan"
        case .serviceUsePlanDeletion: "Table 6 service use plan, deletion"
        case .serviceUseAnnex: "Table 7 service use annex"
        case .serviceResults: "Results"
        case .serviceResultsDeletion: "Results, deletion"
        case .basicUserInfo: "Basic user information"
        case .basicUserInfoDailySchedule: "Basic user information, annex 1 daily schedule"
        case .basicUserInfoMedicalHistory: "Basic user information, annex 2 medical history"
        case .basicUserInfoFamilyImage: "Basic user information, family diagram"
        case .basicUserInfoDeletion: "Basic user information, deletion"
        case .preventionPlan: "Prevention care plan"
        case .preventionPlanSupportDetails: "Prevention care plan, annex support plan"
        case .preventionPlanDeletion: "Prevention care plan, deletion"
        }
    }
}
