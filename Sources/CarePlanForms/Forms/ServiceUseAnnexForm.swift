// CarePlan Link — CarePlanForms
import CarePlanCSV

/// 第7表 サービス利用票別表, as 様式 第7表 (老企第29号): 区分支給限度管理・利用者負担計算 (one line per office and
/// サービスコード, the type's 小計 lines 種類+AAAA / EEEE / ZZZZ, and the 合計 line 999999), then 種類別支給限度管理 from
/// 利用者補足情報 and the short-stay days (要介護認定期間中の短期入所利用日数). Numbers are printed as sent; the form
/// computes nothing. A4 landscape.
struct ServiceUseAnnexForm: PaperForm {
    let user: FormUser
    let month: YearMonth
    let rows: [ServiceUseAnnexRecord]
    let supplement: SupplementaryUserInfoRecord?

    func render(into page: inout FormPage) {
        page.beginForm(
            "annex", title: "サービス利用票別表", user: self.user, orientation: .landscape, style: "第7表（老企第29号 様式）",
            subtitle: "\(JapaneseCalendar.month(self.month))分　作成年月日 \(JapaneseCalendar.date(self.rows.first?.createdDate))")
        page.raw("<h2>区分支給限度管理・利用者負担計算</h2>\n<table class=\"annex limit\"><thead><tr>")
        for heading in [
            "事業所名", "事業所番号", "サービス内容／種類", "サービスコード", "単位数", "割引後 率%", "割引後 単位数", "回数", "サービス単位／金額", "給付管理単位数",
            "種類支給限度基準を超える単位数", "種類支給限度基準内単位数", "区分支給限度基準を超える単位数", "区分支給限度基準内単位数", "単位数単価", "費用総額（保険／事業対象分）",
            "給付率（%）", "保険／事業費請求額", "定額利用者負担単価金額", "利用者負担（保険／事業対象分）", "利用者負担（全額負担分）",
        ] {
            page.raw("<th>\(heading)</th>")
        }
        page.raw("</tr></thead><tbody>\n")
        for row in self.rows {
            let kind = Self.lineKind(row.serviceCode)
            let type = ServiceType.named(String(row.serviceCode.prefix(2)))?.name ?? ""
            let content: String
            switch kind {
            case .grandTotal: content = "区分支給限度基準額（単位）" + (self.supplement?.categoryBenefitLimit.map { " \(HTMLText.number($0))" } ?? "") + "　合計"
            case .subtotal(let label): content = "\(type) \(label)"
            case .service: content = type + (row.equipmentModelName.map { "<br><span class=\"small\">\(HTMLText.escape($0))</span>" } ?? "")
            }
            let isService = kind == .service
            page.raw("<tr class=\"\(kind.cssClass)\" data-code=\"\(HTMLText.escape(row.serviceCode))\">")
            page.raw("<td>\(HTMLText.text(row.providerOfficeName))</td><td class=\"code\">\(kind == .grandTotal ? "" : HTMLText.escape(row.providerOfficeCode))</td>")
            page.raw("<td>\(content)</td><td class=\"code\">\(isService ? HTMLText.escape(row.serviceCode) : "")</td>")
            page.raw(Self.numbers([isService ? row.units : nil, row.discountedRate, row.discountedUnits, isService ? row.countOrDays : nil, row.serviceUnitsTotal, row.benefitManagementUnits,
                row.unitsOverTypeLimit, row.unitsWithinTypeLimit, row.unitsOverCategoryLimit, row.unitsWithinCategoryLimit]))
            page.raw("<td class=\"num\">\(row.unitPrice.map { HTMLText.escape($0.description) } ?? "")</td>")
            page.raw(Self.numbers([row.totalCostCovered, row.benefitRate, row.insuranceClaimAmount, row.fixedCopaymentUnitPrice, row.userCopaymentCovered, row.userCopaymentFullCost]))
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
        self.renderTypeLimits(into: &page)
        self.renderShortStay(into: &page)
        page.endForm()
    }

    enum LineKind: Equatable {
        case service
        /// 種類別小計: 区分支給対象 (AAAA), 区分支給対象外 (EEEE), 30日超過分 (ZZZZ)
        case subtotal(String)
        /// 合計 (999999)
        case grandTotal

        var cssClass: String {
            switch self {
            case .service: "service"
            case .subtotal: "subtotal"
            case .grandTotal: "grand"
            }
        }
    }

    static func lineKind(_ code: String) -> LineKind {
        if code == "999999" { return .grandTotal }
        switch code.dropFirst(2) {
        case "AAAA": return .subtotal("小計")
        case "EEEE": return .subtotal("小計（区分支給限度対象外）")
        case "ZZZZ": return .subtotal("小計（30日超過分）")
        default: return .service
        }
    }

    private static func numbers(_ values: [Int?]) -> String {
        values.map { "<td class=\"num\">\(HTMLText.number($0))</td>" }.joined()
    }

    /// 種類別支給限度管理: the nine slots of 利用者補足情報 that are filled.
    private func renderTypeLimits(into page: inout FormPage) {
        guard let supplement = self.supplement else { return }
        let slots: [(String?, Int?, Int?, Int?)] = [
            (supplement.limitSlot1ServiceTypeCode, supplement.limitSlot1BenefitLimit, supplement.limitSlot1TotalUnits, supplement.limitSlot1ExcessUnits),
            (supplement.limitSlot2ServiceTypeCode, supplement.limitSlot2BenefitLimit, supplement.limitSlot2TotalUnits, supplement.limitSlot2ExcessUnits),
            (supplement.limitSlot3ServiceTypeCode, supplement.limitSlot3BenefitLimit, supplement.limitSlot3TotalUnits, supplement.limitSlot3ExcessUnits),
            (supplement.limitSlot4ServiceTypeCode, supplement.limitSlot4BenefitLimit, supplement.limitSlot4TotalUnits, supplement.limitSlot4ExcessUnits),
            (supplement.limitSlot5ServiceTypeCode, supplement.limitSlot5BenefitLimit, supplement.limitSlot5TotalUnits, supplement.limitSlot5ExcessUnits),
            (supplement.limitSlot6ServiceTypeCode, supplement.limitSlot6BenefitLimit, supplement.limitSlot6TotalUnits, supplement.limitSlot6ExcessUnits),
            (supplement.limitSlot7ServiceTypeCode, supplement.limitSlot7BenefitLimit, supplement.limitSlot7TotalUnits, supplement.limitSlot7ExcessUnits),
            (supplement.limitSlot8ServiceTypeCode, supplement.limitSlot8BenefitLimit, supplement.limitSlot8TotalUnits, supplement.limitSlot8ExcessUnits),
            (supplement.limitSlot9ServiceTypeCode, supplement.limitSlot9BenefitLimit, supplement.limitSlot9TotalUnits, supplement.limitSlot9ExcessUnits),
        ]
        let filled = slots.filter { $0.0 != nil }
        page.raw("<h2>種類別支給限度管理</h2>\n<table class=\"annex type-limits\"><thead><tr><th>サービス種類</th><th>種類支給限度基準額（単位）</th><th>合計単位数</th><th>種類支給限度基準を超える単位数</th></tr></thead><tbody>\n")
        for slot in filled {
            let name = slot.0.flatMap { ServiceType.named($0)?.name } ?? ""
            page.raw("<tr><td>\(HTMLText.escape(name)) \(HTMLText.text(slot.0))</td>\(Self.numbers([slot.1, slot.2, slot.3]))</tr>\n")
        }
        if filled.isEmpty { page.raw("<tr><td colspan=\"4\" class=\"muted\">種類支給限度額の設定はありません</td></tr>\n") }
        page.raw("<tr class=\"grand\"><td>合計</td><td></td><td></td><td class=\"num\">\(HTMLText.number(supplement.totalExcessUnits))</td></tr>\n</tbody></table>\n")
    }

    /// 要介護認定期間中の短期入所利用日数, from a short-stay line of the table, else from 利用者補足情報.
    private func renderShortStay(into page: inout FormPage) {
        let line = self.rows.first { $0.shortStayDaysUntilPreviousMonth != nil || $0.shortStayPlannedDaysThisMonth != nil || $0.shortStayCumulativeDays != nil }
        let previous = line?.shortStayDaysUntilPreviousMonth ?? self.supplement?.shortStayDaysUntilPreviousMonth
        let cumulative = line?.shortStayCumulativeDays ?? self.supplement?.shortStayCumulativeDays
        guard previous != nil || cumulative != nil || line?.shortStayPlannedDaysThisMonth != nil else { return }
        page.raw("<h2>要介護認定期間中の短期入所利用日数</h2>\n<table class=\"annex short-stay\"><thead><tr><th>前月までの利用日数</th><th>当月の計画利用日数</th><th>累積利用日数</th></tr></thead><tbody><tr>")
        page.raw(Self.numbers([previous, line?.shortStayPlannedDaysThisMonth, cumulative]))
        page.raw("</tr></tbody></table>\n")
    }
}
