// CarePlan Link — CarePlanClient
public import CarePlanExchange
import Foundation
import NIOCore
import NIOHTTP1

/// 連携先: the office directory and the partner operations (what `careplan partners` runs).
extension HubClient {
    /// The office directory: `text` is part of a 事業所名 or the start of a 事業所番号.
    public func searchOffices(text: String? = nil, municipalityCode: String? = nil, serviceType: String? = nil, limit: Int = 50) async throws -> OfficeList {
        var query = ["limit=\(limit)"]
        for (name, value) in [("q", text), ("municipality", municipalityCode), ("serviceType", serviceType)] {
            if let value, !value.isEmpty { query.append(name + "=" + Self.queryValue(value)) }
        }
        return try await self.decode(OfficeList.self, .GET, "/api/v1/offices?" + query.joined(separator: "&"))
    }

    public func partners() async throws -> PartnerList {
        try await self.decode(PartnerList.self, .GET, "/api/v1/partners")
    }

    /// Asks `office` (`事業所番号_種類` or the hub's number) to link; links at once when it had asked us.
    public func requestPartner(_ office: String) async throws -> PartnerView {
        let body = try JSONEncoder().encode(Int64(office).map { PartnerRequest(id: $0) } ?? PartnerRequest(office: office))
        return try await self.decode(PartnerView.self, .POST, "/api/v1/partners", headers: ["Content-Type": "application/json"], body: ByteBuffer(bytes: body))
    }

    /// Accepts (`accept`) or declines `office`'s open request.
    public func answerPartner(_ office: String, accept: Bool) async throws -> PartnerView {
        try await self.decode(PartnerView.self, .POST, "/api/v1/partners/\(Self.pathValue(office))/\(accept ? "accept" : "decline")")
    }

    /// Ends a link, withdraws our request or clears a declined one.
    public func removePartner(_ office: String) async throws {
        _ = try await self.call(.DELETE, "/api/v1/partners/\(Self.pathValue(office))")
    }

    public func setFavouritePartner(_ office: String, favourite: Bool) async throws -> PartnerView {
        let body = try JSONEncoder().encode(FavouriteRequest(favourite: favourite))
        return try await self.decode(
            PartnerView.self, .POST, "/api/v1/partners/\(Self.pathValue(office))/favourite", headers: ["Content-Type": "application/json"],
            body: ByteBuffer(bytes: body))
    }

    private static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    private static func pathValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["_"])) ?? text
    }
}
