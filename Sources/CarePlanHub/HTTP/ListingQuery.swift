// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// The filters of an inbox or outbox request, shared by the API and the web: `month=YYYYMM`, `partner=事業所番号_種類`,
/// `state=a,b`, `kind=` (a ``UnitKindGroup`` or a file-name prefix) and `user=被保険者番号`. A malformed value is a 400
/// naming it; an empty one is no filter (what an unset form field sends).
struct ListingQuery: Sendable {
    let filter: UnitFilter
    /// The values as given, to put back into a form and into the next page's link.
    let month: String?
    let partner: String?
    let states: String?
    let kind: String?
    let user: String?

    init(_ parameters: Parameters, hub: Hub) async throws {
        func value(_ name: String) -> String? {
            guard let text = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        var filter = UnitFilter()
        self.month = value("month")
        if let month = self.month {
            let digits = month.precomposedStringWithCompatibilityMapping.replacingOccurrences(of: "-", with: "")
            guard YearMonth(digits) != nil else {
                throw HubError.badRequest("query.month", "対象年月は YYYYMM（例 202506）で指定してください / month must be YYYYMM")
            }
            filter.month = digits
        }
        self.partner = value("partner")
        if let partner = self.partner {
            guard let id = OfficeID(parsing: partner), let office = try await hub.store.office(number: id.number, serviceType: id.serviceType ?? "") else {
                throw HubError.badRequest("query.partner", "partner は登録済みの事業所（事業所番号_種類）です / partner must be a registered office NNNNNNNNNN_TT")
            }
            filter.partnerOfficeID = office.id
        }
        self.states = value("state")
        if let text = self.states {
            filter.states = try text.split(separator: ",").map { part in
                guard let state = UnitState(rawValue: String(part)) else {
                    let known = UnitState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw HubError.badRequest("query.state", "state は \(known) のいずれか / unknown state \(part)")
                }
                return state
            }
        }
        self.kind = value("kind")
        if let kind = self.kind {
            if let group = UnitKindGroup(rawValue: kind) {
                filter.kinds = group.kinds
            } else if let single = FileKind(rawValue: kind) {
                filter.kinds = [single.prefix]
            } else {
                let known = UnitKindGroup.allCases.map(\.rawValue).joined(separator: ", ")
                throw HubError.badRequest("query.kind", "kind は \(known) かファイル種別（UPPLAN など） / kind must be one of \(known) or a file prefix")
            }
        }
        self.user = value("user")
        if let user = self.user {
            let number = user.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
            guard (1...10).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else {
                throw HubError.badRequest("query.user", "user は被保険者番号（10桁まで）です / user must be an insured number (up to 10 characters)")
            }
            filter.userDigest = hub.userIndex.digest(insuredNumber: number)
        }
        self.filter = filter
    }

    /// The query string of the filters (for the next page's link), with a leading `&` when not empty.
    var queryString: String {
        let pairs = [("month", self.month), ("partner", self.partner), ("state", self.states), ("kind", self.kind), ("user", self.user)]
        return pairs.compactMap { name, value in
            value.map { "&\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined()
    }
}
