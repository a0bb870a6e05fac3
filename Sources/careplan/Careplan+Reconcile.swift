// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanAnalysis
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "予定 vs 実績 for a month: the 第6表 each provider was sent against the 実績 it sent back, per user, service and day.")

        @OptionGroup var store: StoreOptions

        @Option(help: "対象年月 YYYYMM.") var month: YearMonth

        @Option(help: "Also write the differences as CSV (UTF-8 with BOM) to this file.", completion: .file())
        var csv: String?

        func run() async throws {
            let result = try await Reconciliation.run(store: try self.store.openExisting(), month: self.month.description)
            print(result.table, terminator: "")
            if let csv = self.csv {
                try Data(result.csv.utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
                print("\nCSV: \(csv)")
            }
        }
    }
}
