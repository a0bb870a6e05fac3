// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// Where an office stands with its usage periods (利用期間) at a moment. An office without any period is not bound by
/// them (a hub that does not sell access records none); an office with periods sends only within one, and after the
/// last has ended receives for the grace period.
enum UsageStanding: Sendable, Equatable {
    /// No period recorded: nothing is refused.
    case unbound
    /// Inside a period; `until` is where the unbroken run of periods from now ends (a period that starts when or before
    /// the current one ends extends it).
    case active(kind: UsagePeriod.Kind, until: Double)
    /// Periods exist, none has begun yet.
    case notStarted(startsAt: Double)
    /// The last period ended at `endedAt`; receiving is possible until `graceUntil`.
    case grace(endedAt: Double, graceUntil: Double)
    /// Ended and past the grace period: neither sending nor receiving.
    case ended(endedAt: Double)

    init(periods: [UsagePeriod], at now: Double, graceDays: Double) {
        guard !periods.isEmpty else {
            self = .unbound
            return
        }
        let sorted = periods.sorted { $0.startsAt < $1.startsAt }
        if let current = sorted.first(where: { $0.startsAt <= now && now < $0.endsAt }) {
            var until = current.endsAt
            for period in sorted where period.startsAt <= until && period.endsAt > until { until = period.endsAt }
            self = .active(kind: current.kind, until: until)
            return
        }
        let ended = sorted.filter { $0.endsAt <= now }.map(\.endsAt).max()
        // A gap between two periods is treated like an end: sending waits for the next period, receiving goes on in grace.
        if let ended {
            let graceUntil = ended + graceDays * 86_400
            self = now < graceUntil ? .grace(endedAt: ended, graceUntil: graceUntil) : .ended(endedAt: ended)
        } else {
            self = .notStarted(startsAt: sorted[0].startsAt)
        }
    }

    var maySend: Bool {
        switch self {
        case .unbound, .active: true
        case .notStarted, .grace, .ended: false
        }
    }

    var mayReceive: Bool {
        switch self {
        case .unbound, .active, .grace: true
        // Before the first period an office may not send, but what is addressed to it is not held back from it.
        case .notStarted: true
        case .ended: false
        }
    }
}
