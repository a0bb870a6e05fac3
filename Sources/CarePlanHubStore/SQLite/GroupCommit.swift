// CarePlan Link — CarePlanHubStore
import GRDB
import Synchronization

/// Group commit over one GRDB writer: write operations that arrive while a commit is under way wait, then run
/// together in the next transaction, each inside its own savepoint, and are all answered after that one durable
/// commit.
///
/// With `synchronous = FULL` every commit waits for an fsync of the WAL. One fsync per upload capped the hub well below
/// 1,000 uploads/s on this machine; sharing it keeps each answer after its data is on disk while the disk's flush
/// rate no longer bounds the request rate (`careplan-bench hub` prints both). An operation that throws rolls back
/// its own savepoint only; the others in the batch commit. A failed commit fails every operation of the batch.
///
/// There is no background task: the first caller to find no commit under way leads, runs a batch, and hands the lead
/// to the oldest waiting caller, who runs the next one.
final class GroupCommit: Sendable {
    private let writer: any DatabaseWriter
    private let maxBatch: Int
    private let state = Mutex(State())

    private struct State {
        var leading = false
        var waiting: [Job] = []
    }

    /// What a waiting caller is told: its operation is done, or it leads the next batch.
    private enum Turn {
        case done
        case lead
    }

    /// One queued operation and the caller waiting for it.
    private final class Job: @unchecked Sendable {
        // `run` and `outcome` are touched only by the leader inside the write transaction, then read by the owner
        // after it was resumed: the continuation orders the two.
        let run: (Database) throws -> Void
        var failure: (any Error)?
        var continuation: CheckedContinuation<Turn, Never>?

        init(run: @escaping (Database) throws -> Void) { self.run = run }
    }

    init(writer: any DatabaseWriter, maxBatch: Int = 256) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `body` in a write transaction shared with other operations and returns once that transaction committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = Mutex<T?>(nil)
        let job = Job { db in
            let value = try body(db)
            result.withLock { $0 = value }
        }
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leadNow = self.state.withLock { state -> Bool in
                guard state.leading else {
                    state.leading = true
                    return true
                }
                job.continuation = continuation
                state.waiting.append(job)
                return false
            }
            if leadNow { continuation.resume(returning: .lead) }
        }
        if turn == .lead { await self.lead(with: job) }
        if let failure = job.failure { throw failure }
        guard let value = result.withLock({ $0 }) else { throw CancellationError() }
        return value
    }

    /// Runs one batch: the leader's job and whatever waited, then passes the lead on or gives it up.
    private func lead(with own: Job) async {
        let others = self.state.withLock { state -> [Job] in
            let taken = Array(state.waiting.prefix(self.maxBatch - 1))
            state.waiting.removeFirst(taken.count)
            return taken
        }
        let batch = [own] + others
        let writer = self.writer
        do {
            // In a task of its own: GRDB interrupts a write whose task is cancelled, and the batch is not the leader's alone.
            try await Task {
                try await writer.write { db in
                for job in batch {
                    do {
                        try db.inSavepoint {
                            try job.run(db)
                            return .commit
                        }
                    } catch {
                        job.failure = error
                    }
                }
            }
            }.value
        } catch {
            for job in batch where job.failure == nil { job.failure = error }
        }
        for job in others { job.continuation?.resume(returning: .done) }
        let next = self.state.withLock { state -> Job? in
            guard !state.waiting.isEmpty else {
                state.leading = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation?.resume(returning: .lead)
    }
}
