// CarePlan Link — careplan command-line tool
import ArgumentParser

@main
struct Careplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplan",
        abstract: "CarePlan Link — ケアプランデータ連携 (care-plan data exchange) files: validate, show, convert, sample, bench.",
        version: "0.1.0",
        subcommands: [Validate.self, Show.self, Convert.self, Sample.self, Rules.self, Serve.self, Admin.self, Receipt.self, Audit.self, Bench.self]
    )
}
