// CarePlan Link — careplan-bench
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process and measures its wall time and peak memory (ru_maxrss from wait4), for benchmarks.
enum ProcessMeter {
    struct Measurement {
        let seconds: Double
        /// Peak resident set size of the child, KiB.
        let maxRSSKiB: Int
        let exitStatus: Int32
    }

    static func run(_ arguments: [String], stdoutPath: String = "/dev/null") throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard result == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Measurement(seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss), exitStatus: exited)
    }

    /// The best (fastest) of `runs` runs; peak memory is the largest seen.
    static func best(of runs: Int, _ arguments: [String], stdoutPath: String = "/dev/null") throws -> Measurement {
        var measurements: [Measurement] = []
        for _ in 0..<runs { measurements.append(try Self.run(arguments, stdoutPath: stdoutPath)) }
        let fastest = measurements.min { $0.seconds < $1.seconds }!
        return Measurement(seconds: fastest.seconds, maxRSSKiB: measurements.map(\.maxRSSKiB).max()!, exitStatus: measurements.map(\.exitStatus).max()!)
    }
}
