// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanClient
import Foundation

extension Careplan {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate files and send units against the standard (検証). Exit code 0 only when every file and unit is valid.")

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @Argument(help: "Files or folders (folders are searched recursively for .CSV and .jpg files).", completion: .file())
        var paths: [String]

        @Option(help: "Output format: text (human-readable, Japanese and English) or json.")
        var format: OutputFormat = .text

        @Flag(help: "Do not show warnings in text output.")
        var quiet = false

        @Option(help: "send: what a conformant sender must write (the hub's check); receive: what an importer can still read, each tolerated deviation a warning (docs/INTERPRETATIONS.md §24).")
        var profile: ValidationProfile = .send

        @Flag(help: "List every problem on its own line instead of grouping problems of one cause with a count.")
        var ungrouped = false

        func run() async throws {
            let files = try LocalUnit.specFiles(in: self.paths)
            guard !files.isEmpty else { throw CommandError("検証するファイルがありません / no files to validate") }
            let reports = await FileValidator.validate(paths: files, profile: self.profile)
            let units = SendUnitValidator.validate(reports)
            let valid = reports.allSatisfy(\.isValid) && units.allSatisfy(\.isValid)
            switch self.format {
            case .json:
                print(try ValidationJSON.text(reports: reports, units: units, valid: valid, profile: self.profile))
            case .text:
                print(ValidationText.render(reports: reports, units: units, showWarnings: !self.quiet, grouped: !self.ungrouped))
            }
            if !valid { throw ExitCode(1) }
        }
    }
}
