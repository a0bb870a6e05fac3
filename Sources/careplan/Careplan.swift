// CarePlan Link — careplan command-line tool
import ArgumentParser

@main
struct Careplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplan",
        abstract: "CarePlan Link: ケアプランデータ連携 files, validation and exchange.",
        version: "0.1.0",
        subcommands: []
    )
}
