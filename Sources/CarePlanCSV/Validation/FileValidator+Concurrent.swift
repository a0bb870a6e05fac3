// CarePlan Link — CarePlanCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileValidator {
    /// Validates files on `width` tasks at once (each file streams on its own, in constant memory), keeping the input
    /// order. The default width is the number of processors online.
    public static func validate(paths: [String], profile: ValidationProfile = .send, width: Int = Self.processorCount) async -> [FileReport] {
        let width = max(1, width)
        return await withTaskGroup(of: (Int, FileReport).self) { group in
            var reports = [FileReport?](repeating: nil, count: paths.count)
            var next = 0
            while next < min(width, paths.count) {
                let index = next
                group.addTask { (index, FileValidator.validate(path: paths[index], profile: profile)) }
                next += 1
            }
            while let (index, report) = await group.next() {
                reports[index] = report
                if next < paths.count {
                    let index = next
                    group.addTask { (index, FileValidator.validate(path: paths[index], profile: profile)) }
                    next += 1
                }
            }
            return reports.map { $0! }
        }
    }

    /// Processors online (at least 1).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
