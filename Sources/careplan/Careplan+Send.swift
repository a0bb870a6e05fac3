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

        @Flag(help: "Check every unit at the hub and print the preview (送信先, 内容, 対象年月, 利用者, 問題); send nothing.")
        var dryRun = false

        func run() async throws {
            let (units, unnamed) = LocalUnit.group(try LocalUnit.specFiles(in: self.paths))
            for path in unnamed { printError("仕様のファイル名ではないため送信しません / not a spec file name, not sent: \(path)") }
            guard !units.isEmpty else { throw CommandError("送信するファイルがありません / no spec files to send") }
            let client = try self.client.makeClient()
            if self.dryRun {
                let files = try units.flatMap(\.paths).map { path in
                    ((path as NSString).lastPathComponent, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                }
                let result = await Result(catching: { try await client.sendBatch(files, dryRun: true) })
                try await client.shutdown()
                let preview = try result.get()
                print("送信先\t内容\t対象年月\t利用者\t結果")
                for item in preview.units {
                    let outcome = item.status == "valid" ? "送信できます / ok" : "送れません: \(item.error?.message ?? "")"
                    print("\(item.recipientName ?? item.key)\t\(item.label ?? "")\t\((item.months ?? []).joined(separator: ","))\t\(item.users.map(String.init) ?? "")\t\(outcome)")
                }
                let refused = preview.units.filter { $0.status != "valid" }.count
                print("送信単位 \(preview.units.count)件: 送信できる \(preview.units.count - refused)件・送れない \(refused)件（何も送っていません / nothing sent）")
                if refused > 0 { throw ExitCode(1) }
                return
            }
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
