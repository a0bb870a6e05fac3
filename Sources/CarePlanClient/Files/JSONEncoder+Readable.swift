// CarePlan Link — CarePlanClient
import Foundation

extension JSONEncoder {
    /// How the client writes JSON that people and scripts read (`unit.json`, `convert`, `plans show --json`,
    /// `validate --format json`): indented, sorted keys, slashes as they are. A new encoder per use (not Sendable).
    static var readable: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
