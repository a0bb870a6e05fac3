// CarePlan Link — CarePlanClient
public import CarePlanExchange
import Foundation
import NIOHTTP1

/// 今月の連携 (what `careplan month` prints).
extension HubClient {
    /// The office's month: user × partner with the 利用票, the 実績 and their differences (`month` is YYYYMM).
    public func month(_ month: String) async throws -> MonthView {
        try await self.decode(MonthView.self, .GET, "/api/v1/month?month=\(month)")
    }
}
