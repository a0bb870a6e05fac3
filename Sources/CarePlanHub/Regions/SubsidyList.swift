// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Foundation

/// 補助金の対象事業所: the members that exchanged with at least ``threshold`` distinct offices in the fiscal year (the
/// care-technology subsidy's extra 50,000 yen for offices that exchange with five or more; 老発0206第1号), with the
/// evidence per office, and those close to it.
///
/// An office counts as a partner when at least one unit between them, either way, was accepted in the year and
/// received by its recipient (downloaded, imported or refused at import: the data reached it). Partners are counted by
/// 事業所番号: two services of one 事業所 are one office (docs/INTERPRETATIONS.md).
struct SubsidyList: Sendable {
    /// One partner of a member, with what went each way.
    struct Evidence: Sendable {
        /// 事業所番号
        let number: String
        /// サービス種類コード of the services exchanged with, sorted.
        let serviceTypes: [String]
        /// 事業所名 (of its first service).
        let name: String
        /// 初回連携日: the first received unit's acceptance.
        let firstExchangeAt: Double
        /// Units the member sent it that it received.
        let sent: Int
        /// Units it sent the member that the member received.
        let received: Int
    }

    struct Entry: Sendable {
        let office: Office
        /// By 事業所番号.
        let partners: [Evidence]
    }

    /// The subsidy's number of partners.
    static let threshold = 5
    /// How many partners short an office may be to be listed as close to the threshold.
    static let nearBy = 2

    /// Every member, with its partners (none: empty).
    let entries: [Entry]

    var qualifying: [Entry] { self.entries.filter { $0.partners.count >= Self.threshold } }
    /// 3 or 4 partners.
    var near: [Entry] { self.entries.filter { $0.partners.count < Self.threshold && $0.partners.count >= Self.threshold - Self.nearBy } }

    init(members: [Office], tallies: [ExchangeTally], offices: [Int64: Office]) {
        struct Running {
            var serviceTypes: Set<String> = []
            var name = ""
            var first = Double.infinity
            var sent = 0
            var received = 0
        }
        var evidence: [Int64: [String: Running]] = [:]
        let memberIDs = Set(members.map(\.id))
        for tally in tallies where tally.received > 0 {
            for (member, other, outgoing) in [(tally.senderOfficeID, tally.recipientOfficeID, true), (tally.recipientOfficeID, tally.senderOfficeID, false)] {
                // Another service of the member's own 事業所番号 is the same office, not a partner.
                guard memberIDs.contains(member), let partner = offices[other], partner.number != offices[member]?.number else { continue }
                var running = evidence[member, default: [:]][partner.number] ?? Running()
                if running.serviceTypes.isEmpty || partner.serviceType < (running.serviceTypes.min() ?? "") { running.name = partner.name }
                running.serviceTypes.insert(partner.serviceType)
                running.first = min(running.first, tally.firstReceivedAt ?? .infinity)
                if outgoing { running.sent += tally.received } else { running.received += tally.received }
                evidence[member, default: [:]][partner.number] = running
            }
        }
        self.entries = members.map { office in
            let partners = (evidence[office.id] ?? [:]).map { number, running in
                Evidence(
                    number: number, serviceTypes: running.serviceTypes.sorted(), name: running.name, firstExchangeAt: running.first, sent: running.sent,
                    received: running.received)
            }.sorted { $0.number < $1.number }
            return Entry(office: office, partners: partners)
        }
    }

    /// The CSV of `/web/region/subsidy.csv`: UTF-8 with a BOM (Excel opens it as UTF-8), CRLF, every field quoted; one
    /// row per office and partner, the qualifying offices first (判定 対象), then those close to it (判定 あとN事業所).
    func csv(region: Region, fiscalYear: FiscalYear) -> String {
        let header = [
            "年度", "地域", "判定", "事業所番号", "サービス種類", "事業所名", "連携事業所数", "連携先事業所番号", "連携先サービス種類", "連携先事業所名", "初回連携日",
            "送信件数", "受信件数",
        ]
        var lines = [header]
        for entry in self.qualifying + self.near {
            let verdict = entry.partners.count >= Self.threshold ? "対象" : "あと\(Self.threshold - entry.partners.count)事業所"
            for partner in entry.partners {
                lines.append([
                    fiscalYear.japanese, region.name, verdict, entry.office.number, entry.office.serviceType, entry.office.name, String(entry.partners.count),
                    partner.number, partner.serviceTypes.joined(separator: " "), partner.name, JapanTime.date(partner.firstExchangeAt), String(partner.sent),
                    String(partner.received),
                ])
            }
        }
        return "\u{FEFF}" + lines.map { $0.map(Self.quoted).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A CSV field in quotes, quotes doubled. A field a spreadsheet would run as a formula (=, +, -, @ first) gets a
    /// leading apostrophe: office names come from registrations, not from the municipality.
    private static func quoted(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@\t\r".contains(first) { field = "'" + field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
