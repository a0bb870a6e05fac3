// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import Hummingbird

/// 今月の連携 in the browser (`/web/month?month=YYYYMM`) and its downloads (`month.csv`, `month.json`). Without a month,
/// the month of the office's newest 利用票 (care managers prepare next month's plans before this one ends), or this
/// month in Japan.
struct MonthWebController {
    let hub: Hub
    let pages: WebPages

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("month") { request, context in
            let (office, month, view) = try await self.view(request, context)
            var model = MonthPageModel(office: OfficeHeader(office), view: view, month: month)
            model.office = await self.hub.officeHeader(office)
            return self.pages.render("month", model)
        }
        protected.get("month.csv") { request, context in MonthController.csv(try await self.view(request, context).view) }
        protected.get("month.json") { request, context in try MonthController.json(try await self.view(request, context).view) }
    }

    private func view(_ request: Request, _ context: HubRequestContext) async throws -> (office: Office, month: YearMonth, view: MonthView) {
        let identity = try context.requireIdentity()
        try identity.require(.send)
        let office = try identity.requireOffice(for: .receive)
        let month: YearMonth
        if let text = request.uri.queryParameters.get("month"), !text.isEmpty {
            month = try MonthController.month(text)
        } else {
            month = try await self.defaultMonth(for: office)
        }
        return (office, month, try await MonthReport(hub: self.hub).build(for: office, month: month, actor: "account:\(identity.account.id)"))
    }

    private func defaultMonth(for office: Office) async throws -> YearMonth {
        let filter = UnitFilter(kinds: UnitKindGroup.usePlan.kinds)
        let newest =
            try await self.hub.store.outbox(officeID: office.id, after: nil, filter: filter, limit: 1, order: .newestFirst)
            + self.hub.store.inbox(officeID: office.id, after: nil, filter: filter, limit: 1, order: .newestFirst)
        let months = newest.sorted { $0.unit.createdAt > $1.unit.createdAt }.flatMap(\.files).compactMap { try? CarePlanFileName(parsing: $0.name).month?.yearMonth }
        if let month = months.first { return month }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Tokyo")!, from: Date(timeIntervalSince1970: self.hub.now()))
        return YearMonth(year: parts.year ?? 2025, month: parts.month ?? 1) ?? YearMonth(year: 2025, month: 1)!
    }
}
