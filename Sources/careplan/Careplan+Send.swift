// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanExchange
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send files to the hub (送信): grouped into send units by ファイル連番, validated locally first, receipts saved beside the files.")

        @OptionGroup var client: ClientOptions

        @Argument(help: "Files or folders of spec files.", completion: .file())
        var paths: [String]

        func run() async throws {
            let (units, unnamed) = LocalUnit.group(try LocalUnit.specFiles(in: self.paths))
            for path in unnamed { printError("仕様のファイル名ではないため送信しません / not a spec file name, not sent: \(path)") }
            guard !units.isEmpty else { throw CommandError("送信するファイルがありません / no spec files to send") }
            let client = try self.client.makeClient()
            let sender = UnitSender(client: client)
            var failures = 0
            for unit in units {
                do {
                    let result = try await sender.send(unit)
                    print("\(result.created ? "送信しました / sent" : "送信済みでした / already sent"): \(unit.key) → \(result.unit.id) (\(result.unit.stateLabel))")
                    print("  受領証 / receipt: \(unit.receiptPath)")
                } catch {
                    failures += 1
                    printError("\(unit.key): \(error)")
                }
            }
            try await client.shutdown()
            if failures > 0 {
                printError("\(failures)件の送信単位を送れませんでした / \(failures) unit(s) were not sent")
                throw ExitCode(1)
            }
        }
    }
}
