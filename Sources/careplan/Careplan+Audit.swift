// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanExchange
import CarePlanHub

extension Careplan {
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hub's audit log (監査ログ).", subcommands: [Verify.self])

        struct Verify: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check the audit log: its hash chain, the hub's signed checkpoints, and any receipts or checkpoints you hold.",
                discussion: """
                    Every edit, insertion or gap breaks the chain. A log cut at its end, or rewritten and re-chained, is found \
                    through signed points: the checkpoints the hub keeps (and appends to audit.checkpointFile), and the \
                    receipts and checkpoints given with --evidence (receipt JSON, an upload answer, or JSON lines of them). \
                    Keep copies of those outside the hub: they are what a truncation cannot reach.
                    """)
            @OptionGroup var hub: HubOptions

            @Option(name: .customLong("evidence"), help: "A receipt or checkpoint file (JSON, or one per line); repeatable.", completion: .file())
            var evidence: [String] = []

            func run() async throws {
                let configuration = try self.hub.loadConfiguration()
                if self.evidence.isEmpty {
                    print("注意: 外部の証拠（--evidence）なし。データフォルダ内の記録だけでは切り詰めを検出できません / note: no --evidence given; what the data folder holds cannot show a truncation by someone who can write it")
                }
                let report = try await AuditVerifier.verify(store: try self.hub.openStore(), configuration: configuration, evidenceFiles: self.evidence)
                for line in report.lines { print(line) }
                if !report.isIntact { throw ExitCode(1) }
            }
        }
    }
}
