// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import Foundation

extension Careplan {
    struct Sample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write valid, realistic sample files (サンプル作成), one send unit per pattern or file kind.",
            discussion: "Patterns: \(SamplePattern.allCases.map(\.rawValue).joined(separator: ", ")). A file-kind prefix (e.g. UPPLAN) writes the unit that contains it.")

        @Argument(help: "Patterns or file-kind prefixes. Omit with --all.")
        var kinds: [String] = []

        @Flag(help: "Write every pattern.")
        var all = false

        @Option(help: "Number of users.")
        var users: Int = 3

        @Option(help: "Service month (対象年月) YYYYMM.")
        var month = YearMonth(year: 2025, month: 6)!

        @Option(help: "Random seed (same seed, same files).")
        var seed: UInt64 = 2025

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "samples"

        func validate() throws {
            guard self.all || !self.kinds.isEmpty else { throw ValidationError("give a pattern or file kind, or --all") }
            guard self.users > 0 else { throw ValidationError("--users must be at least 1") }
            _ = try self.patterns()
        }

        /// The units to write: every pattern with --all, then the named patterns and the units holding the named kinds.
        func patterns() throws -> [SamplePattern] {
            try (self.all ? SamplePattern.allCases : []) + self.kinds.map { text in
                guard let pattern = SamplePattern(patternOrKind: text) else { throw ValidationError("不明なパターン/種別 / unknown pattern or kind: \(text)") }
                return pattern
            }
        }

        func run() async throws {
            try FileManager.default.createDirectory(atPath: self.out, withIntermediateDirectories: true)
            for file in SampleFactory(month: self.month, userCount: self.users, seed: self.seed).files(for: try self.patterns()) {
                let path = (self.out as NSString).appendingPathComponent(file.name.description)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                print(path)
            }
        }
    }
}
