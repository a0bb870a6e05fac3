// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import CarePlanCSV
import CarePlanExchange
import Foundation

extension Careplan {
    struct Month: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "今月の連携 from the hub: every user × partner of a month with the 利用票, the 実績, 予定 vs 実績, and whether the partner has the latest plan.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, csv
        }

        @OptionGroup var client: ClientOptions
        @Option(help: "対象年月 YYYYMM.") var month: YearMonth
        @Option(help: "Output format: text (a table), json (the hub's answer) or csv (UTF-8 with BOM, for spreadsheets).") var format: Format = .text

        func run() async throws {
            let client = try self.client.makeClient()
            let result = await Result(catching: { try await client.month(self.month.description) })
            try await client.shutdown()
            let view = try result.get()
            switch self.format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(view), as: UTF8.self))
            case .csv:
                print(view.csv, terminator: "")
            case .text:
                print("対象年月 \(view.month)  \(view.office)")
                print("連携先\t被保険者番号\t利用者名\t利用票\t最新版\t実績\t予定と実績")
                for row in view.rows {
                    let latest = row.partnerHasLatestPlan.map { $0 ? "受信済" : "未受信" } ?? ""
                    let compared = row.differences.map { $0.isEmpty ? "相違なし" : "相違\($0.count)件" } ?? (row.results == nil ? "実績待ち" : "未比較")
                    print("\(row.partner)\t\(row.insuredNumber ?? "（未読）")\t\(row.userName ?? "")\t\(row.plan?.stateLabel ?? "－")\t\(latest)\t\(row.results?.stateLabel ?? "未着")\t\(compared)")
                    for difference in row.differences ?? [] {
                        print("\t\t\t\(difference.kindLabel) \(difference.day.map { "\($0)日" } ?? "") \(difference.serviceCode) 予定 \(difference.planned) ／ 実績 \(difference.actual)")
                    }
                }
                print("計 \(view.rows.count) 行")
            }
        }
    }
}
