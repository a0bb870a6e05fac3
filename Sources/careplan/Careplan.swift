// CarePlan Link — careplan command-line tool
import ArgumentParser

@main
struct Careplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplan",
        abstract: "CarePlan Link — ケアプランデータ連携 (care-plan data exchange): validate files, run the hub, send, fetch, import, compare.",
        version: "0.1.0",
        subcommands: [
            Demo.self, Validate.self, Show.self, Forms.self, Convert.self, Sample.self, Rules.self, Serve.self, Admin.self, Receipt.self, Audit.self, Send.self, Fetch.self,
            Import.self, Plans.self, Reconcile.self, Export.self, Partners.self, Month.self, Split.self, Conformance.self,
        ]
    )
}
