// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import Foundation

extension Careplan {
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download every new unit from the hub (受信済). Resumable; never stores a unit twice. `careplan import` reports 取込済/取込不可.")

        @OptionGroup var client: ClientOptions

        @Option(help: "Folder for received units (one sub-folder per unit).", completion: .directory)
        var out: String

        @Flag(help: "No progress bar.")
        var quiet = false

        func run() async throws {
            try FileManager.default.createDirectory(atPath: self.out, withIntermediateDirectories: true)
            let client = try self.client.makeClient()
            let showProgress = !self.quiet && isatty(STDERR_FILENO) == 1
            let throttle = RedrawThrottle()
            let outcome: InboxFetcher.Outcome
            do {
                outcome = try await InboxFetcher(client: client, folder: self.out).fetch { progress in
                    guard showProgress, throttle.shouldDraw(final: progress.unitsDone == progress.unitsTotal) else { return }
                    FileHandle.standardError.write(Data(progress.bar.utf8))
                }
            } catch {
                try? await client.shutdown()
                throw error
            }
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            try await client.shutdown()
            for folder in outcome.stored { print("受信しました / received: \(folder)") }
            for folder in outcome.alreadyStored { print("受信済（前回保存）/ already stored, not yet imported: \(folder)") }
            for (unitID, reason) in outcome.skipped { printError("受信できません / not fetched \(unitID): \(reason)") }
            print("新着 \(outcome.stored.count) 件、\(outcome.bytes) バイト / \(outcome.stored.count) new unit(s), \(outcome.bytes) bytes")
        }
    }
}

