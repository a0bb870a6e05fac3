// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import CarePlanCSV
import CarePlanExchange
import Foundation

extension Careplan {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import received (or sent) units into the local store (取込), in ファイル連番 order, with the spec's replacements and delete cascades.",
            discussion: """
                With a hub (--hub or CAREPLAN_HUB), each unit fetched from it is reported: 取込済 when applied, 取込不可 with the \
                located problems when refused. Reports the hub cannot be reached for are kept in the store and sent by the next run.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var client: ClientOptions

        @Argument(help: "Folders written by `careplan fetch`, folders of sent files, or files.", completion: .file())
        var paths: [String]

        func run() async throws {
            let store = try self.store.open()
            let report = try await store.importFiles(try LocalUnit.specFiles(in: self.paths))
            print("取込 \(report.imported.count) 件、取込済みのため省略 \(report.alreadyImported.count) 件 / imported \(report.imported.count) unit(s), \(report.alreadyImported.count) already imported")
            print("反映したキー / keys applied: \(report.appliedKeys.count)")
            for stale in report.stale { print("古いため未反映 / not applied: \(stale)") }
            for rejected in report.rejected { printError("取込できません / rejected \(rejected.unit): \(rejected.reason)") }
            for file in report.ignoredFiles { printError("仕様のファイル名ではないため無視 / ignored (not a spec file name): \(file)") }
            if self.client.isGiven {
                let client = try self.client.makeClient()
                let told: ImportReporter.Outcome
                do {
                    told = try await ImportReporter(client: client, store: store).report(report.outcomes)
                } catch {
                    try? await client.shutdown()
                    throw error
                }
                try await client.shutdown()
                for (unitID, outcome) in told.reported {
                    print("ハブに報告 / reported \(outcome == .imported ? "取込済 imported" : "取込不可 refused"): \(unitID)")
                }
                for unitID in told.queued { printError("ハブに接続できないため次回報告 / hub unreachable, queued: \(unitID)") }
                for (unitID, reason) in told.dropped { printError("ハブが報告を受け付けません / report refused \(unitID): \(reason)") }
            }
            if !report.rejected.isEmpty { throw ExitCode(1) }
        }
    }
}
