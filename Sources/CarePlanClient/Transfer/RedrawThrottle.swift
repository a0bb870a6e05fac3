// CarePlan Link — CarePlanClient
import Synchronization

/// Lets a progress display redraw at most every `interval` (ten times a second by default), and always for the last
/// step: a fast download must not spend its time drawing.
public final class RedrawThrottle: Sendable {
    private let interval: Duration
    private let lastDrawn: Mutex<ContinuousClock.Instant?>

    public init(interval: Duration = .milliseconds(100)) {
        self.interval = interval
        self.lastDrawn = Mutex(nil)
    }

    /// Whether to draw now; `final` (the last step) always draws.
    public func shouldDraw(final: Bool, now: ContinuousClock.Instant = .now) -> Bool {
        self.lastDrawn.withLock { last in
            if let last, now - last < self.interval, !final { return false }
            last = now
            return true
        }
    }
}
