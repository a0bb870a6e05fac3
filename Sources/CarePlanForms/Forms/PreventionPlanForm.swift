// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 介護予防サービス・支援計画書 with its 別表 (支援計画), as the 介護予防サービス・支援計画書 of the 介護予防支援の様式例
/// (老振発第0331009号, as revised): the header, 目標とする生活, the four assessment areas, the support plan lines of the
/// 別表 (課題NO → 支援計画NO → 利用サービスNO), the policies, the 基本チェックリスト counts and the consent. A4
/// landscape. `record` is nil when a 別表 came without its plan.
struct PreventionPlanForm: PaperForm {
    let user: FormUser
    let record: PreventionPlanRecord?
    let details: [PreventionPlanSupportDetailsRecord]

    func render(into page: inout FormPage) {
        page.beginForm(
            "prevention-plan", title: "介護予防サービス・支援計画書", user: self.user, orientation: .landscape, style: "介護予防支援の様式例（老振発第0331009号）",
            subtitle: self.record.map { "\(CodeLabel.text($0.planType, "計画種類"))・\(CodeLabel.text($0.outsourcingStatus, "委託の有無"))" })
        if let record = self.record { self.renderHeader(record, into: &page) }
        self.renderSupportPlan(into: &page)
        if let record = self.record { self.renderPolicies(record, into: &page) }
        page.endForm()
    }

    private func renderHeader(_ record: PreventionPlanRecord, into page: inout FormPage) {
        page.raw("<p class=\"choices\">No. \(HTMLText.text(record.referenceNumber))　\(CodeLabel.choices(record.planCategory, "計画書区分", only: ["11", "12", "21"]))　\(CodeLabel.choices(record.certificationStatus, "認定状況区分", only: ["2", "1"]))　\(CodeLabel.choices(record.supportNeedLevel, "要支援状態区分"))</p>\n")
        page.raw("<div class=\"grid-2\">\n")
        page.fields([
            ("利用者名", "\(HTMLText.escape(record.userName)) 殿"),
            ("認定年月日", JapaneseCalendar.date(record.certificationDate)),
            ("認定の有効期間", "\(JapaneseCalendar.date(record.certificationValidityStartDate)) 〜 \(JapaneseCalendar.date(record.certificationValidityEndDate))"),
            ("計画作成者氏名", "\(HTMLText.text(record.planCreatorCenterStaffName))\(record.planCreatorCareManagerName.map { "（担当介護支援専門員 \(HTMLText.escape($0))）" } ?? "")"),
        ])
        page.fields([
            ("委託の場合：計画作成者事業者・事業所名及び所在地（連絡先）", [record.planCreatorOfficeName, record.planCreatorOfficeAddress, record.planCreatorOfficePhoneNumber].compactMap { $0 }.map(HTMLText.escape).joined(separator: "　")),
            ("計画作成（変更）日・初回作成日", "\(JapaneseCalendar.date(record.planCreationDate))　（初回 \(JapaneseCalendar.date(record.initialPlanCreationDate))）"),
            ("担当地域包括支援センター", HTMLText.text(record.communitySupportCenterInCharge)),
        ])
        page.raw("</div>\n")
        page.fields([("目標とする生活（1日）", HTMLText.block(record.dailyLifeGoal)), ("目標とする生活（1年）", HTMLText.block(record.yearlyLifeGoal))])
        page.raw("<table class=\"areas\"><thead><tr><th>アセスメント領域</th><th>現在の状況</th><th>本人・家族の意欲・意向</th><th>領域における課題（背景・原因）</th></tr></thead><tbody>\n")
        for area in [
            ("運動・移動", record.mobilityCurrentSituation, record.mobilityUserFamilyIntention, record.mobilityIssuePresence, record.mobilityIssueBackground),
            ("日常生活（家庭生活）", record.dailyLivingCurrentSituation, record.dailyLivingUserFamilyIntention, record.dailyLivingIssuePresence, record.dailyLivingIssueBackground),
            ("社会参加、対人関係・コミュニケーション", record.socialParticipationCurrentSituation, record.socialParticipationUserFamilyIntention, record.socialParticipationIssuePresence, record.socialParticipationIssueBackground),
            ("健康管理", record.healthManagementCurrentSituation, record.healthManagementUserFamilyIntention, record.healthManagementIssuePresence, record.healthManagementIssueBackground),
        ] {
            page.raw("<tr><th>\(area.0)</th><td>\(HTMLText.block(area.1))</td><td>\(HTMLText.block(area.2))</td>")
            page.raw("<td>\(CodeLabel.choices(area.3, "有無"))<br>\(HTMLText.block(area.4))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
    }

    private func renderSupportPlan(into page: inout FormPage) {
        let details = self.details.sorted { ($0.issueNumber ?? 0, $0.supportPlanNumber ?? 0, $0.usedServiceNumber ?? 0) < ($1.issueNumber ?? 0, $1.supportPlanNumber ?? 0, $1.usedServiceNumber ?? 0) }
        page.raw("<h2>支援計画（別表）</h2><table class=\"support\"><thead><tr><th>総合的課題</th><th>課題に対する目標と具体策の提案</th><th>具体策についての意向 本人・家族</th><th>目標</th>")
        page.raw("<th>目標についての支援のポイント</th><th>本人等のセルフケアや家族の支援、インフォーマルサービス</th><th>介護保険サービス又は地域支援事業</th><th>サービス種別</th><th>事業所</th><th>期間</th></tr></thead><tbody>\n")
        for row in details {
            page.raw("<tr data-issue=\"\(row.issueNumber.map(String.init) ?? "")\"><td>\(HTMLText.block(row.comprehensiveIssue))</td><td>\(HTMLText.block(row.proposedGoalAndMeasures))</td>")
            page.raw("<td>\(HTMLText.block(row.userFamilyIntentionOnMeasures))</td><td>\(HTMLText.block(row.goal))</td><td>\(HTMLText.block(row.supportPointsForGoal))</td>")
            page.raw("<td>\(HTMLText.block(row.selfCareFamilyInformalSupport))</td><td>\(HTMLText.block(row.insuranceOrCommunityProgramService))</td>")
            page.raw("<td>\(HTMLText.text(row.serviceCategory))</td><td>\(HTMLText.text(row.providerOfficeName))</td><td>\(HTMLText.text(row.servicePeriod))</td></tr>\n")
        }
        if details.isEmpty { page.raw("<tr><td colspan=\"10\" class=\"muted\">別表の行はありません</td></tr>\n") }
        page.raw("</tbody></table>\n")
    }

    private func renderPolicies(_ record: PreventionPlanRecord, into page: inout FormPage) {
        page.raw("<div class=\"grid-2\">\n")
        page.block("健康状態について（主治医意見書、健診結果、観察結果等を踏まえた留意点）", HTMLText.block(record.healthPrecautions))
        page.block("妥当な支援の実施に向けた方針", HTMLText.block(record.appropriateSupportPolicy))
        page.block("総合的な方針：生活不活発病の改善・予防のポイント", HTMLText.block(record.overallPolicy))
        page.block("地域包括支援センター意見", HTMLText.block(record.communitySupportCenterOpinion))
        page.raw("</div>\n")
        page.raw("<table class=\"checklist\"><thead><tr><th>基本チェックリスト</th><th>運動不足</th><th>栄養改善</th><th>口腔内ケア</th><th>閉じこもり予防</th><th>物忘れ予防</th><th>うつ予防</th></tr></thead><tbody>\n")
        page.raw("<tr><th>該当数</th>" + [record.checklistCountExercise, record.checklistCountNutrition, record.checklistCountOralCare, record.checklistCountWithdrawal, record.checklistCountCognition, record.checklistCountDepression]
            .map { "<td class=\"num\">\($0.map(String.init) ?? "")</td>" }.joined() + "</tr>\n")
        page.raw("<tr><th>事業プログラムの要否</th>" + [record.preventionProgramNeededExercise, record.preventionProgramNeededNutrition, record.preventionProgramNeededOralCare, record.preventionProgramNeededWithdrawal, record.preventionProgramNeededCognition, record.preventionProgramNeededDepression]
            .map { "<td class=\"center\">\(HTMLText.code($0, "事業プログラムの要否"))</td>" }.joined() + "</tr>\n")
        page.raw("</tbody></table>\n")
        page.fields([("同意日・同意者", "\(JapaneseCalendar.date(record.consentDate))　\(HTMLText.text(record.consenterName))")])
    }
}
