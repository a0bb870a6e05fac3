// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /api/v1/month?month=YYYYMM[&format=csv]`: 今月の連携 (``MonthReport``). It reads what the office sent and
/// received, so the credential needs both `send` and `receive`.
struct MonthController {
    let hub: Hub

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("month", use: self.month)
    }

    @Sendable func month(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try identity.require(.send)
        let office = try identity.requireOffice(for: .receive)
        let month = try Self.month(request.uri.queryParameters.get("month"))
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard format == "json" || format == "csv" else {
            throw HubError.badRequest("query.format", "format は json か csv です / format must be json or csv")
        }
        let view = try await MonthReport(hub: self.hub).build(for: office, month: month, actor: "account:\(identity.account.id)")
        return format == "csv" ? Self.csv(view) : try Self.json(view)
    }

    /// `month=YYYYMM` (required).
    static func month(_ text: String?) throws -> YearMonth {
        guard let text, let month = YearMonth(text.replacingOccurrences(of: "-", with: "")) else {
            throw HubError.badRequest("query.month", "対象年月は YYYYMM（例 202506）で指定してください / month must be YYYYMM")
        }
        return month
    }

    static func json(_ view: MonthView) throws -> Response {
        let data = try JSONEncoder.hub.encode(view)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func csv(_ view: MonthView) -> Response {
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"month-\(view.month)-\(view.office).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: view.csv)))
    }
}
