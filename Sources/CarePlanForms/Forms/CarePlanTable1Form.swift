// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 第1表 居宅サービス計画書(1), as 様式 第1表 of 「介護サービス計画書の様式及び課題分析標準項目の提示について」
/// (平成11年11月12日 老企第29号): the plan's dates and certification, then the three texts of the plan and the reason
/// for 生活援助中心型. A4 portrait.
struct CarePlanTable1Form: PaperForm {
    let user: FormUser
    /// 第1表
    let record: CarePlanTable1Record
    /// 利用者補足情報 of the plan (生年月日, 住所 when the 第1表 has none)
    let supplement: SupplementaryUserInfoRecord?

    func render(into page: inout FormPage) {
        let record = self.record
        page.beginForm(
            "table1", title: "居宅サービス計画書（1）", user: self.user, orientation: .portrait,
            style: "第1表（老企第29号 様式）", subtitle: "作成年月日 \(JapaneseCalendar.date(record.createdDate))")
        page.raw("<p class=\"choices\">\(CodeLabel.choices(record.planCategory, "計画書区分", only: ["11", "12", "21"]))")
        if let category = record.planCategory, !["11", "12", "21"].contains(category) {
            page.raw("（\(HTMLText.code(category, "計画書区分"))）")
        }
        page.raw("　　\(CodeLabel.choices(record.certificationStatus, "認定状況区分", only: ["2", "1"]))</p>\n")
        // The 第1表's own address, else the 補足's (the 第1表 items are optional).
        let ownAddress = [record.userPostalCode.map { "〒" + $0 }, record.userAddress1, record.userAddress2].compactMap { $0 }
        let supplementAddress = [self.supplement?.userPostalCode.map { "〒" + $0 }, self.supplement?.userAddress1, self.supplement?.userAddress2].compactMap { $0 }
        let address = (ownAddress.isEmpty ? supplementAddress : ownAddress).joined(separator: " ")
        let officeAddress = [record.careManagementOfficePostalCode.map { "〒" + $0 }, record.careManagementOfficeAddress1, record.careManagementOfficeAddress2]
            .compactMap { $0 }.joined(separator: " ")
        page.fields([
            ("利用者名", "\(HTMLText.text(self.user.name)) 殿"),
            ("生年月日", JapaneseCalendar.date(self.supplement?.userBirthDate ?? self.user.birthDate)),
            ("住所", HTMLText.escape(address)),
            ("居宅サービス計画作成者氏名", HTMLText.escape(record.planCreatorName)),
            ("居宅介護支援事業者・事業所名及び所在地", "\(HTMLText.escape(record.careManagementOfficeName))（\(HTMLText.escape(record.careManagementOfficeCode))） \(HTMLText.escape(officeAddress))"),
            ("居宅サービス計画作成（変更）日", JapaneseCalendar.date(record.planCreationDate)),
            ("初回居宅サービス計画作成日", JapaneseCalendar.date(record.initialPlanCreationDate)),
            ("認定日", JapaneseCalendar.date(record.certificationDate)),
            ("認定の有効期間", "\(JapaneseCalendar.date(record.certificationValidityStartDate)) 〜 \(JapaneseCalendar.date(record.certificationValidityEndDate))"),
            ("要介護状態区分", CodeLabel.choices(record.careLevel, "要介護状態区分", only: ["21", "22", "23", "24", "25"])),
        ])
        page.block("利用者及び家族の生活に対する意向を踏まえた課題分析の結果", HTMLText.block(record.userFamilyWishesAssessmentResult), class: "wishes")
        page.block("介護認定審査会の意見及びサービスの種類の指定", HTMLText.block(record.certificationBoardOpinion), class: "board")
        page.block("総合的な援助の方針", HTMLText.block(record.overallAssistancePolicy), class: "policy")
        var reason = CodeLabel.choices(record.livingAssistanceBillingReason, "生活援助中心型の算定理由")
        if let other = record.livingAssistanceOtherReason { reason += "（\(HTMLText.escape(other))）" }
        page.block("生活援助中心型の算定理由", reason, class: "living-reason")
        page.endForm()
    }
}
