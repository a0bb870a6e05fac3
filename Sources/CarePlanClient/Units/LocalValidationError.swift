// CarePlan Link — CarePlanClient
public import CarePlanExchange
public import CarePlanCSV
import Foundation

/// A unit that failed the local check: the same validator and messages as the hub, before anything is uploaded.
public struct LocalValidationError: Error, CustomStringConvertible, Sendable {
    public let unit: SendUnitKey
    public let diagnostics: [Diagnostic]

    public var description: String {
        (["送信前の検証でエラー（送信していません） / \(self.unit): \(self.diagnostics.count) error(s) found before sending; nothing was uploaded"]
            + self.diagnostics.prefix(50).map { "  \($0)" }).joined(separator: "\n")
    }
}
