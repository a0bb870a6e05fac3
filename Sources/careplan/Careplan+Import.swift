// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import received (or sent) units into the local store (取込), in ファイル連番 order, with the spec's replacements and delete cascades.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "Folders written by `careplan fetch`, folders of sent files, or files.", completion: .file())
        var paths: [String]

        func run() async throws {
            let report = try await self.store.open().importFiles(try LocalUnit.specFiles(in: self.paths))
            print("取込 \(report.imported.count) 件、取込済みのため省略 \(report.alreadyImported.count) 件 / imported \(report.imported.count) unit(s), \(report.alreadyImported.count) already imported")
            print("反映したキー / keys applied: \(report.appliedKeys.count)")
            for stale in report.stale { print("古いため未反映 / not applied: \(stale)") }
            for rejected in report.rejected { printError("取込できません / rejected \(rejected.unit): \(rejected.reason)") }
            for file in report.ignoredFiles { printError("仕様のファイル名ではないため無視 / ignored (not a spec file name): \(file)") }
            if !report.rejected.isEmpty { throw ExitCode(1) }
        }
    }
}
