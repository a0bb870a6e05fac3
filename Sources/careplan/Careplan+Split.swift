// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanAnalysis
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split one combined 第6表・第7表・補足 set into one send unit per recipient (spec §6), ready for `careplan send`.",
            discussion: """
                Each recipient (office + サービス種類 named in the 第6表's rows) gets only its users, with each user's rows whole \
                (every provider's, as printed on the form), services out of the exchange's scope dropped, and the users' 補足 \
                and 第1〜3表. Files are written into --out under the spec's names.
                """)

        @Argument(help: "The files (or a folder) of one combined set: one sender, one ファイル連番.", completion: .file())
        var paths: [String]

        @Option(help: "Folder for the split files (created; existing files of the same name are refused).", completion: .directory)
        var out: String

        func run() throws {
            let paths = try LocalUnit.specFiles(in: self.paths)
            guard !paths.isEmpty else { throw CommandError("分割するファイルがありません / no spec files to split") }
            let files = try paths.map { path -> (name: String, bytes: [UInt8]) in
                ((path as NSString).lastPathComponent, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            }
            let result: UnitSplitter.Result
            do { result = try UnitSplitter.split(files) } catch let error as UnitSplitter.SplitError { throw CommandError(error.description) }
            try FileManager.default.createDirectory(atPath: self.out, withIntermediateDirectories: true)
            for unit in result.units {
                for file in unit.files {
                    let path = (self.out as NSString).appendingPathComponent(file.name)
                    guard !FileManager.default.fileExists(atPath: path) else { throw CommandError("既にあります / exists already: \(path)") }
                    try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                }
                let type = ServiceType.named(unit.recipient.serviceType ?? "")?.name ?? unit.recipient.serviceType ?? ""
                print("\(unit.recipient)\t\(type)\t利用者 \(unit.users.count)人\tファイル \(unit.files.count)件")
            }
            print("送信単位 \(result.units.count)件を \(self.out) に書きました / wrote \(result.units.count) unit(s)")
            if result.droppedRows > 0 { print("連携対象外のサービス \(result.droppedRows)行を除きました / dropped \(result.droppedRows) out-of-scope row(s)") }
            if !result.unplaced.isEmpty {
                print("送信先のない利用者（連携対象のサービスなし）: \(result.unplaced.joined(separator: ", ")) / users with no in-scope service")
            }
        }
    }
}
