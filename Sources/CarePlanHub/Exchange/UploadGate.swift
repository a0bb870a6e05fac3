// CarePlan Link — CarePlanHub
import Synchronization

/// Bounds the uploads in progress, per office and in all: each holds its whole body in memory while it is checked,
/// so without a bound one office sending many large units at once could exhaust the hub's memory for everyone.
final class UploadGate: Sendable {
    private struct Counts {
        var total = 0
        var perOffice: [Int64: Int] = [:]
    }

    private let perOffice: Int
    private let total: Int
    private let counts = Mutex(Counts())

    /// The refusal when full; nil for the uploads' own (`upload.busy`).
    private let refusal: ExchangeError?

    init(perOffice: Int, total: Int, refusal: ExchangeError? = nil) {
        self.perOffice = max(1, perOffice)
        self.total = max(1, total)
        self.refusal = refusal
    }

    /// Runs `body` as one of `office`'s uploads, or throws ``ExchangeError/Reason/busy`` (`upload.busy`) when the office or the hub is at its bound.
    func withSlot<T>(for office: Int64, _ body: () async throws -> T) async throws -> T {
        let admitted = self.counts.withLock { counts -> Bool in
            let mine = counts.perOffice[office, default: 0]
            guard mine < self.perOffice, counts.total < self.total else { return false }
            counts.perOffice[office] = mine + 1
            counts.total += 1
            return true
        }
        guard admitted else {
            if let refusal = self.refusal { throw refusal }
            throw ExchangeError(
                .busy, "upload.busy",
                "同時に送信できる数（事業所あたり\(self.perOffice)件）を超えています。前の送信が終わってから再試行してください / too many uploads in progress; retry when the previous one has finished")
        }
        defer {
            self.counts.withLock { counts in
                counts.total -= 1
                counts.perOffice[office, default: 1] -= 1
                if counts.perOffice[office] == 0 { counts.perOffice[office] = nil }
            }
        }
        return try await body()
    }
}
