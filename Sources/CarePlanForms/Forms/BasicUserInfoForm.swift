// CarePlan Link — CarePlanForms
import CarePlanCSV
import Foundation

/// 利用者基本情報 with 別表1 (タイムスケジュール: 1日の生活・すごし方) and 別表2 (現病歴・既往歴), as the 利用者基本情報 of the
/// 介護予防支援・介護予防ケアマネジメントの様式例 (「介護予防支援業務に係る関連様式例の提示について」, 平成18年3月31日
/// 老振発第0331009号, as revised). The family image (UPKIHON_IMAGE) is shown when it came with the files. A4 portrait.
struct BasicUserInfoForm: PaperForm {
    let user: FormUser
    let record: BasicUserInfoRecord
    let schedule: [BasicUserInfoDailyScheduleRecord]
    let history: [BasicUserInfoMedicalHistoryRecord]
    /// The JPEG of 家族構成, when the set has it.
    let image: [UInt8]?

    func render(into page: inout FormPage) {
        let record = self.record
        page.beginForm(
            "basic-info", title: "利用者基本情報", user: self.user, orientation: .portrait, style: "介護予防支援の様式例（老振発第0331009号）",
            subtitle: "\(CodeLabel.text(record.planType, "計画種類"))・\(CodeLabel.text(record.outsourcingStatus, "委託の有無"))")
        let method = HTMLText.code(record.consultationMethod, "相談方法") + (record.consultationMethodOtherDetail.map { "（\(HTMLText.escape($0))）" } ?? "")
        page.fields([
            ("作成担当者", HTMLText.text(record.creatorStaffName)),
            ("相談日", JapaneseCalendar.date(record.consultationDate)),
            ("相談方法", method),
            ("相談回数", "\(HTMLText.code(record.consultationVisitType, "相談回数"))　前回相談日 \(JapaneseCalendar.date(record.previousConsultationDate))"),
            ("本人の現況", HTMLText.code(record.userCurrentSituation, "利用者の現況") + (record.userCurrentSituationDetail.map { "（\(HTMLText.escape($0))）" } ?? "")),
            ("フリガナ・本人氏名", "\(HTMLText.escape(record.userNameKana))<br>\(HTMLText.escape(record.userName))"),
            ("性別・生年月日", "\(HTMLText.code(record.userGender, "性別"))　\(JapaneseCalendar.date(record.userBirthDate))"),
            ("住所・連絡先", "\(HTMLText.text(record.userAddress))　電話 \(HTMLText.text(record.userPhoneNumber))　FAX \(HTMLText.text(record.userFaxNumber))"),
            ("日常生活自立度", "障害高齢者 \(HTMLText.code(record.disabledElderlyIndependenceLevel, "障害高齢者の日常生活自立度"))　認知症高齢者 \(HTMLText.code(record.dementiaIndependenceLevel, "認知症高齢者の日常生活自立度"))"),
            ("認定情報", "\(HTMLText.code(record.careLevel, "要介護状態区分(利用者基本情報)"))　有効期間 \(JapaneseCalendar.date(record.certificationValidityStartDate)) 〜 \(JapaneseCalendar.date(record.certificationValidityEndDate))　前回の介護度 \(HTMLText.code(record.previousCareLevel, "要介護状態区分(利用者基本情報)"))"),
            ("基本チェックリスト", "\(HTMLText.code(record.basicChecklistResult, "基本チェックリスト記入結果"))　記入日 \(JapaneseCalendar.date(record.basicChecklistDate))"),
            ("障害等認定", [("身障", record.physicalDisabilityCertified), ("療育", record.intellectualDisabilityCertified), ("精神", record.mentalDisabilityCertified), ("難病", record.intractableDiseaseCertified)]
                .map { "\($0.0) \(HTMLText.code($0.1, "該当区分"))" }.joined(separator: "　") + (record.disabilityCertificationNotes.map { "<br>\(HTMLText.escape($0))" } ?? "")),
            ("本人の住居環境", "\(HTMLText.code(record.housingType, "居住形態"))　自室 \(record.roomFloorNumber.map { "\($0)階" } ?? "")　住宅改修 \(HTMLText.code(record.homeModificationStatus, "有無"))"),
            ("経済状況", [("国民年金", record.receivesNationalPension), ("厚生年金", record.receivesEmployeesPension), ("障害年金", record.receivesDisabilityPension), ("生活保護", record.receivesPublicAssistance)]
                .filter { $0.1 == "1" }.map(\.0).joined(separator: "・") + (record.economicSituationDetail.map { "　\(HTMLText.escape($0))" } ?? "")),
            ("来所者（相談者）", [record.consultingVisitorName, record.consultingVisitorRelationship, record.consultingVisitorAddress, record.consultingVisitorPhoneNumber].compactMap { $0 }.map(HTMLText.escape).joined(separator: "　")),
        ])
        page.raw("<h2>緊急連絡先</h2><table class=\"contacts\"><thead><tr><th>氏名</th><th>続柄</th><th>住所</th><th>電話番号</th></tr></thead><tbody>\n")
        for contact in [
            (record.emergencyContact1Name, record.emergencyContact1Relationship, record.emergencyContact1Address, record.emergencyContact1Phone),
            (record.emergencyContact2Name, record.emergencyContact2Relationship, record.emergencyContact2Address, record.emergencyContact2Phone),
            (record.emergencyContact3Name, record.emergencyContact3Relationship, record.emergencyContact3Address, record.emergencyContact3Phone),
            (record.emergencyContact4Name, record.emergencyContact4Relationship, record.emergencyContact4Address, record.emergencyContact4Phone),
        ] where contact.0 != nil || contact.3 != nil {
            page.raw("<tr><td>\(HTMLText.text(contact.0))</td><td>\(HTMLText.text(contact.1))</td><td>\(HTMLText.text(contact.2))</td><td>\(HTMLText.text(contact.3))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        var family = HTMLText.block(record.familyRelationshipSituation)
        if let image = self.image {
            family = "<img alt=\"家族構成\" src=\"data:image/jpeg;base64,\(Data(image).base64EncodedString())\"><br>" + family
        } else if let name = record.familyStructureImageFileName {
            family = "<span class=\"small muted\">家族構成図: \(HTMLText.escape(name))（この帳票には含まれていません）</span><br>" + family
        }
        page.block("家族構成・家族関係等の状況", family, class: "family")
        page.block("今までの生活", HTMLText.block(record.lifeHistory))
        page.block("1日の生活・すごし方", HTMLText.block(record.dailyLifeRoutine))
        if !self.schedule.isEmpty {
            page.raw("<h2>1日の生活（別表1 タイムスケジュール）</h2><table class=\"schedule\"><thead><tr><th>時間</th><th>本人</th><th>介護者・家族</th></tr></thead><tbody>\n")
            for row in self.schedule {
                page.raw("<tr><td>\(HTMLText.text(row.timeOfDay))</td><td>\(HTMLText.block(row.userDailySituation))</td><td>\(HTMLText.block(row.caregiverFamilySituation))</td></tr>\n")
            }
            page.raw("</tbody></table>\n")
        }
        page.block("趣味・楽しみ・特技", HTMLText.block(record.hobbiesAndSkills))
        page.block("友人・地域との関係", HTMLText.block(record.friendAndCommunityRelations))
        page.raw("<h2>現病歴・既往歴と経過（別表2）</h2><table class=\"history\"><thead><tr><th>年月日</th><th>病名</th><th>医療機関・医師名</th><th>主治医</th><th>電話番号</th><th>経過</th><th>治療中の場合は内容</th></tr></thead><tbody>\n")
        for row in self.history {
            page.raw("<tr><td>\(HTMLText.text(row.medicalHistoryDate))</td><td>\(HTMLText.text(row.diseaseName))</td><td>\(HTMLText.text(row.medicalInstitutionDoctorName))</td>")
            page.raw("<td>\(HTMLText.code(row.attendingPhysicianFlag, "主治医・意見作成者フラグ"))</td><td>\(HTMLText.text(row.medicalInstitutionPhoneNumber))</td>")
            page.raw("<td>\(HTMLText.code(row.treatmentStatus, "経過"))</td><td>\(HTMLText.block(row.treatmentDetails))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        page.fields([
            ("現在利用している公的サービス", HTMLText.block(record.currentPublicServices)),
            ("現在利用している非公的サービス", HTMLText.block(record.currentInformalServices)),
            ("同意日・同意者", "\(JapaneseCalendar.date(record.consentDate))　\(HTMLText.text(record.consenterName))"),
        ])
        page.endForm()
    }
}
