// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV

extension Careplan {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every validation rule with its identifier (検証ルール一覧).")

        func run() async throws {
            for rule in Rule.allCases {
                print("\(rule.rawValue)\t\(rule.japanese)\t\(rule.english)")
            }
        }
    }
}
