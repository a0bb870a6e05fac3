// CarePlan Link — CarePlanClient
public import CarePlanExchange
public import CarePlanCSV
import Foundation

/// The same file name with different contents among the given paths.
public struct ConflictingCopiesError: Error, CustomStringConvertible, Sendable {
    public let unit: SendUnitKey
    public let names: [String]

    public var description: String {
        "同じファイル名で内容の異なるファイルがあります（どちらが正しいか決められません） / \(self.unit): different files share the name(s) \(self.names.joined(separator: ", "))"
    }
}
