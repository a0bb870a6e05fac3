// CarePlan Link — CarePlanHub
import Foundation

extension JSONEncoder {
    /// How the hub writes JSON answers: sorted keys (stable bytes for clients that hash or diff them), slashes as they are.
    /// A new encoder per use: `JSONEncoder` is not Sendable.
    static var hub: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
