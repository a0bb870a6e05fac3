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

        @Flag(help: "Write the conformance set (適合性確認用): every vendor test pattern, with each rule's valid edge (MS932 edge characters, free text with commas, quotes and line breaks, 9999 times, 日割 masks, an H-form 被保険者番号, subtotal rows, multi-user files, other providers' rows), for vendors to import and check with `careplan conformance --import-check`.")
        var conformanceSet = false

        @Option(help: "Number of users.")
        var users: Int = 3

        @Option(help: "Service month (対象年月) YYYYMM.")
        var month = YearMonth(year: 2025, month: 6)!

        @Option(help: "Random seed (same seed, same files).")
        var seed: UInt64 = 2025

        @Option(name: .shortAndLong, help: "Output folder.")
        var out: String = "samples"

        func validate() throws {
            guard self.all || self.conformanceSet || !self.kinds.isEmpty else { throw ValidationError("give a pattern or file kind, or --all or --conformance-set") }
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
            let factory = SampleFactory(month: self.month, userCount: self.users, seed: self.seed)
            let files = self.conformanceSet ? factory.conformanceSet() : factory.files(for: try self.patterns())
            for file in files {
                let path = (self.out as NSString).appendingPathComponent(file.name.description)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                print(path)
            }
        }
    }
}
