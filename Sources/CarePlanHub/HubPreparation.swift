// CarePlan Link — CarePlanHub
import Foundation
import Synchronization

/// Whether ``Hub/prepare()`` has succeeded, for the hub's background services: they start with the service group,
/// before `beforeServerStarts` runs the preparation, and must not act (expire units, sign checkpoints) for a hub whose
/// keys do not match its data. Shared by every copy of the hub.
final class HubPreparation: Sendable {
    private enum State {
        case waiting([UUID: CheckedContinuation<Bool, Never>])
        case finished(Bool)
    }

    private let state = Mutex<State>(.waiting([:]))

    /// Records the outcome of a preparation and wakes every waiter; the first outcome stays.
    func finish(succeeded: Bool) {
        let waiters = self.state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .finished(succeeded)
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: succeeded) }
    }

    /// True once the hub is prepared; false when its preparation failed or the waiting task is cancelled.
    func wait() async -> Bool {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = self.state.withLock { state -> Bool? in
                    switch state {
                    case .finished(let succeeded): return succeeded
                    case .waiting(var waiters):
                        if Task.isCancelled { return false }
                        waiters[id] = continuation
                        state = .waiting(waiters)
                        return nil
                    }
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard case .waiting(var waiters) = state else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state = .waiting(waiters)
                return waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
