// CarePlan Link — careplan-bench
/// A benchmark that could not run or whose checks failed; the text says what happened.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
