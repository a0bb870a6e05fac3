// CarePlan Link — CarePlanForms
public import CarePlanCSV

/// The files of a send unit (or any set of files) as the paper forms people know, in one HTML document: per user,
/// 第1表・第2表・第3表, then each month's 第6表 (予定 and 実績 on their two lines) and 第7表, then the 介護予防 forms
/// (利用者基本情報 with 別表1・2, 介護予防サービス・支援計画書 with its 別表). Each user's forms are one page group;
/// the print CSS sets each form's paper size and orientation as on paper.
///
/// ```swift
/// let book = try FormBook(files: unitFiles)          // validates and decodes
/// let html = book.html(title: "送信単位 20250425180000")
/// ```
public struct FormBook: Sendable {
    /// The users in order (保険者番号, 被保険者番号), with their records.
    let records: [UserRecords]
    /// 家族構成 images (UPKIHON_IMAGE) by file name, shown on 利用者基本情報.
    let images: [String: [UInt8]]

    /// A book from decoded files; `images` are the JPEG family images by file name. With `users` (keys as
    /// ``FormUser/key``), only those users' records are kept: the hub shows a unit's users, not every user of the
    /// partner's 実績 it adds.
    public init(documents: [CarePlanDocument], images: [String: [UInt8]] = [:], users: Set<String>? = nil) {
        var byKey: [String: UserRecords] = [:]
        for document in documents {
            for record in document.records {
                guard let user = Self.user(of: record) else { continue }
                if let users, !users.contains(user.key) { continue }
                byKey[user.key, default: UserRecords(user: user)].add(record)
            }
        }
        self.records = byKey.values.map { var user = $0; user.identify(); return user }.sorted { $0.user < $1.user }
        self.images = images
    }

    /// The keys (``FormUser/key``) of the users in `documents`.
    public static func userKeys(of documents: [CarePlanDocument]) -> Set<String> {
        Set(documents.flatMap { $0.records.compactMap { Self.user(of: $0)?.key } })
    }

    /// The user a record belongs to: every layout starts with 保険者番号 (No.2) and 被保険者番号 (No.3).
    private static func user(of record: any CarePlanRecord) -> FormUser? {
        let texts = record.fieldTexts
        return texts.count >= 2 ? FormUser(insurerNumber: texts[0], insuredNumber: texts[1]) : nil
    }

    /// The users of the book, in order.
    public var users: [FormUser] { self.records.map(\.user) }

    /// The forms of every user (or of the users with the given keys) as one HTML document, with the print CSS.
    /// `toolbar` is HTML shown on screen above the forms and never printed (the hub's print button and links); `cover`
    /// is printed first (the 送付状 of forms that go on paper).
    public func html(title: String, userKeys: Set<String>? = nil, toolbar: String? = nil, cover: PaperCover? = nil) -> String {
        var page = FormPage(title: title)
        if let toolbar { page.raw("<nav class=\"toolbar\">\(toolbar)</nav>\n") }
        cover?.render(into: &page)
        let chosen = self.records.filter { userKeys?.contains($0.user.key) ?? true }
        if chosen.isEmpty {
            page.raw("<p class=\"empty\">帳票にできる利用者のデータがありません。</p>\n")
        }
        for user in chosen {
            page.raw("<div class=\"user\" id=\"user-\(HTMLText.escape(user.user.key))\" data-insured=\"\(HTMLText.escape(user.user.insuredNumber))\">\n")
            for form in self.forms(of: user) { form.render(into: &page) }
            page.raw("</div>\n")
        }
        return page.finished()
    }

    /// The forms of one user, in the order of the paper set.
    func forms(of user: UserRecords) -> [any PaperForm] {
        var forms: [any PaperForm] = []
        for date in Set(user.table1.map(\.planCreationDate) + user.table2.map(\.planCreationDate) + user.table3.map(\.planCreationDate)).sorted() {
            let supplement = user.supplements.first { $0.planCreationDate == date } ?? user.supplement(for: nil)
            if let table1 = user.table1.first(where: { $0.planCreationDate == date }) {
                forms.append(CarePlanTable1Form(user: user.user, record: table1, supplement: supplement))
            }
            let table2 = user.table2.filter { $0.planCreationDate == date }
            if !table2.isEmpty { forms.append(CarePlanTable2Form(user: user.user, rows: table2)) }
            let table3 = user.table3.filter { $0.planCreationDate == date }
            if !table3.isEmpty { forms.append(WeeklyScheduleForm(user: user.user, rows: table3)) }
        }
        for month in user.months {
            let plan = user.plan.filter { $0.serviceMonth == month }
            let results = user.results.filter { $0.serviceMonth == month }
            let supplement = user.supplement(for: month)
            if !plan.isEmpty || !results.isEmpty {
                forms.append(ServiceUseForm(user: user.user, month: month, plan: plan, results: results, supplement: supplement))
            }
            let annex = user.annex.filter { $0.serviceMonth == month }
            if !annex.isEmpty { forms.append(ServiceUseAnnexForm(user: user.user, month: month, rows: annex, supplement: supplement)) }
        }
        for basic in user.basicInfo.sorted(by: { $0.consultationDate < $1.consultationDate }) {
            let date = basic.consultationDate
            forms.append(
                BasicUserInfoForm(
                    user: user.user, record: basic, schedule: user.dailySchedule.filter { $0.consultationDate == date },
                    history: user.medicalHistory.filter { $0.consultationDate == date },
                    image: basic.familyStructureImageFileName.flatMap { self.images[$0] }))
        }
        for plan in user.preventionPlans.sorted(by: { $0.planCreationDate < $1.planCreationDate }) {
            let details = user.supportDetails.filter { $0.planCreationDate == plan.planCreationDate }
            forms.append(PreventionPlanForm(user: user.user, record: plan, details: details))
        }
        let orphans = user.supportDetails.filter { detail in !user.preventionPlans.contains { $0.planCreationDate == detail.planCreationDate } }
        if !orphans.isEmpty { forms.append(PreventionPlanForm(user: user.user, record: nil, details: orphans)) }
        let listed = user.deletions + self.unshownSupplements(of: user).map { (FileKind.supplementaryUserInfo, $0 as any CarePlanRecord) }
        if !listed.isEmpty { forms.append(RecordListForm(user: user.user, records: listed)) }
        return forms
    }

    /// 補足 that no form of the user uses (sent without its 第1表 or 第6表): listed, so that nothing sent is hidden.
    private func unshownSupplements(of user: UserRecords) -> [SupplementaryUserInfoRecord] {
        guard user.table1.isEmpty && user.months.isEmpty else { return [] }
        return user.supplements
    }
}
