// CarePlan Link — CarePlanHub

/// The hub cannot start; the message says why, in Japanese and English.
public struct HubSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
