// CarePlan Link — CarePlanHub
import Foundation

/// The hub's clock: seconds since 1970.
public enum HubClock {
    public static let system: @Sendable () -> Double = { Date().timeIntervalSince1970 }
}
