// CarePlan Link — careplan-bench
import Foundation

/// Requests per second and latency percentiles of one measured phase.
struct Throughput {
    let perSecond: Double
    let p50: Double
    let p99: Double

    /// Runs `operation` for indices 0..<count on `concurrency` workers; returns throughput and latency percentiles.
    static func measure(count: Int, concurrency: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws -> Throughput {
        let start = DispatchTime.now().uptimeNanoseconds
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var local: [Double] = []
                    for index in stride(from: worker, to: count, by: concurrency) {
                        let begin = DispatchTime.now().uptimeNanoseconds
                        try await operation(index)
                        local.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
                    }
                    return local
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return Throughput(perSecond: Double(count) / seconds, p50: percentile(0.5), p99: percentile(0.99))
    }
}
