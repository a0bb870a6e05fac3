// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the current state of a user's plan or month back to spec CSV files (出力), under their original names.")

        @OptionGroup var store: StoreOptions

        @Option(help: "被保険者番号") var user: String

        @Option(help: "The key date: 対象年月 YYYYMM (利用票, 実績) or 作成日 YYYYMMDD (計画); omit for all.") var key: String?

        @Option(help: "Folder to write to.", completion: .directory) var out: String

        func run() async throws {
            let versions = try await self.store.openExisting().versions(insuredNumber: self.user, keyDate: self.key, currentOnly: true)
                .filter { $0.action != .delete }
            guard !versions.isEmpty else { throw CommandError("該当する現行の計画がありません / no current plan for \(self.user) \(self.key ?? "")") }
            for path in try PlanExport.write(versions, to: self.out) { print(path) }
        }
    }
}
