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
        var month: String = "202506"

        @Option(help: "Random seed (same seed, same files).")
        var seed: UInt64 = 2025

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "samples"

        func validate() throws {
            guard YearMonth(self.month) != nil else { throw ValidationError("--month must be YYYYMM / 年月はYYYYMM") }
            guard self.all || !self.kinds.isEmpty else { throw ValidationError("give a pattern or file kind, or --all") }
            guard self.users > 0 else { throw ValidationError("--users must be at least 1") }
        }

        func run() async throws {
            var patterns: [SamplePattern] = self.all ? SamplePattern.allCases : []
            for text in self.kinds {
                if let pattern = SamplePattern(rawValue: text) {
                    patterns.append(pattern)
                } else if let kind = FileKind(rawValue: text.uppercased()) {
                    patterns.append(SamplePattern.containing(kind))
                } else {
                    throw CommandError("不明なパターン/種別 / unknown pattern or kind: \(text)")
                }
            }
            try FileManager.default.createDirectory(atPath: self.out, withIntermediateDirectories: true)
            var seen = Set<SamplePattern>()
            for (index, pattern) in patterns.enumerated() where seen.insert(pattern).inserted {
                var factory = SampleFactory(month: YearMonth(self.month)!, userCount: self.users, seed: self.seed)
                // Give each unit its own ファイル連番 so that units in one folder stay apart.
                let base = factory.timestamp.description
                factory.timestamp = FileTimestamp(String(base.prefix(12)) + String(format: "%02d", index % 60))!
                for file in factory.files(for: pattern) {
                    let path = (self.out as NSString).appendingPathComponent(file.name.description)
                    try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                    print(path)
                }
            }
        }
    }
}
