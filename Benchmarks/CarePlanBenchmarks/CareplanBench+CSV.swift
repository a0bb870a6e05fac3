// CarePlan Link — careplan-bench
import ArgumentParser
import CarePlanCSV
import Foundation

extension CareplanBench {
    struct CSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Decode+parse+validate throughput of a large 第6表+第7表+補足 month vs Python csv+cp932 and cat, and peak memory at two sizes.")

        @Option(help: "Users in the large month (the small one has a quarter).")
        var users: Int = 20_000

        @Option(help: "Work folder for the generated files (default: a new temporary folder, removed afterwards).")
        var dir: String?

        @Option(help: "Runs per measurement (the best is reported).")
        var runs: Int = 3

        @Option(help: "Python interpreter for the baseline.")
        var python: String = "python3"

        @Option(help: "The Python baseline script (default: baseline_csv.py beside this file's source).", completion: .file())
        var baseline: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("baseline_csv.py").path

        @Option(help: "The careplan executable to measure (default: the one built beside careplan-bench).", completion: .file())
        var careplan: String = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("careplan").path

        func validate() throws {
            guard FileManager.default.isExecutableFile(atPath: self.careplan) else {
                throw ValidationError("careplan がありません / no careplan executable at \(self.careplan): build it first (swift build -c release --product careplan) or give --careplan")
            }
            guard FileManager.default.fileExists(atPath: self.baseline) else { throw ValidationError("ベースラインがありません / no baseline script at \(self.baseline)") }
        }

        func run() async throws {
            let manager = FileManager.default
            let work = self.dir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("careplan-bench-\(getpid())")
            try manager.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { if self.dir == nil { try? manager.removeItem(atPath: work) } }

            let large = try self.generate(users: self.users, folder: (work as NSString).appendingPathComponent("large"))
            let small = try self.generate(users: max(1, self.users / 4), folder: (work as NSString).appendingPathComponent("small"))
            let script = self.baseline
            let megabytes = Double(large.bytes) / 1_000_000
            let executable = self.careplan

            print("files: \(large.paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
            print(String(format: "size: %.1f MB (%d users), small set %.1f MB", megabytes, self.users, Double(small.bytes) / 1_000_000))

            let cat = try ProcessMeter.best(of: self.runs, ["cat"] + large.paths)
            let ours = try ProcessMeter.best(of: self.runs, [executable, "validate", "--quiet"] + large.paths)
            let oursSmall = try ProcessMeter.best(of: self.runs, [executable, "validate", "--quiet"] + small.paths)
            let python = try ProcessMeter.best(of: self.runs, [self.python, script] + large.paths)
            guard ours.exitStatus == 0 else { throw BenchError("validation of the generated files failed (exit \(ours.exitStatus))") }
            guard python.exitStatus == 0 else { throw BenchError("the Python baseline failed (exit \(python.exitStatus))") }

            func rate(_ m: ProcessMeter.Measurement) -> Double { megabytes / m.seconds }
            print("")
            print("| measurement | time (s) | MB/s | peak RSS (MiB) |")
            print("|---|---|---|---|")
            for (label, m) in [("cat (bandwidth ceiling)", cat), ("careplan validate: MS932 decode+parse+validate", ours), ("Python csv + cp932 parse (baseline)", python)] {
                print(String(format: "| %@ | %.3f | %.1f | %.1f |", label, m.seconds, rate(m), Double(m.maxRSSKiB) / 1024))
            }
            print(String(format: "| careplan validate, small set (%.1f MB) | %.3f | %.1f | %.1f |", Double(small.bytes) / 1_000_000, oursSmall.seconds,
                         Double(small.bytes) / 1_000_000 / oursSmall.seconds, Double(oursSmall.maxRSSKiB) / 1024))
            print("")
            print(String(format: "ratio vs Python baseline: %.2f× (goal ≥ 5×)", python.seconds / ours.seconds))
            print(String(format: "share of cat bandwidth:   %.1f%% (goal ≥ 30%%)", 100 * cat.seconds / ours.seconds))
            // A spawned child inherits this process's resident size as its starting high-water mark (vfork + exec), so
            // memory is compared above that floor, which `cat` shows.
            let floor = Double(cat.maxRSSKiB) / 1024
            let largeAbove = Double(ours.maxRSSKiB) / 1024 - floor
            let smallAbove = Double(oursSmall.maxRSSKiB) / 1024 - floor
            print(String(format: "peak memory above the spawn floor (%.1f MiB): large %.1f MiB, small %.1f MiB (file size ratio %.2f)", floor, largeAbove,
                         smallAbove, Double(large.bytes) / Double(small.bytes)))
        }

        /// Writes a 第6表 + 第7表 + 補足 unit for `users` users and returns the paths and total size. (The 補足 is a member
        /// the unit must have since issue 11; it is small next to the two tables.)
        private func generate(users: Int, folder: String) throws -> (paths: [String], bytes: Int) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let factory = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: users, seed: 7)
            let planName = CarePlanFileName(kind: .serviceUsePlan, month: .month(factory.month), sender: SampleOffices.careManager,
                                            recipient: SampleOffices.homeHelp, timestamp: factory.timestamp)
            var annexName = planName
            annexName.kind = .serviceUseAnnex
            var supplementName = planName
            supplementName.kind = .supplementaryUserInfo
            let paths = [planName, annexName, supplementName].map { (folder as NSString).appendingPathComponent($0.description) }
            for path in paths { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let handles = try paths.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) }
            var total = 0
            factory.streamMonthlyPlan(
                plan: { chunk in total += chunk.count; handles[0].write(Data(chunk)) },
                annex: { chunk in total += chunk.count; handles[1].write(Data(chunk)) },
                supplement: { chunk in total += chunk.count; handles[2].write(Data(chunk)) })
            for handle in handles { try handle.close() }
            return (paths, total)
        }
    }
}
