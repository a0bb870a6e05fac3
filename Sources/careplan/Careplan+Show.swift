// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import Foundation

extension Careplan {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a file as a readable table with the spec's item names (表示).")

        @Argument(help: "A file of the standard.", completion: .file())
        var file: String

        @Option(help: "Show at most this many records.")
        var limit: Int = 50

        func run() async throws {
            let name = URL(fileURLWithPath: self.file).lastPathComponent
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: self.file)))
            let fileName = try CarePlanFileName(parsing: name)
            print(RecordListing.render(bytes: bytes, fileName: fileName, name: name, limit: self.limit))
        }
    }
}

