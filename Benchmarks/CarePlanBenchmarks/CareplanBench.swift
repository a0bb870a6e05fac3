// CarePlan Link — careplan-bench, the opt-in benchmarks (ENABLE_CAREPLAN_BENCHMARKS=1)
import ArgumentParser

/// Benchmarks kept out of the shipped `careplan` binary: each prints ratios against a baseline measured in the same run,
/// so that figures from different machines can be compared.
@main
struct CareplanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplan-bench",
        abstract: "Benchmarks that print ratios against baselines measured in the same run.",
        subcommands: [CSV.self, Hub.self, Client.self, Listing.self])
}
