// CarePlan Link — fuzz support: the one way a harness reports a broken invariant.
//
// Compiled into every fuzz target (Scripts/fuzz.sh). `fatalError` traps under every optimisation level and its message
// (printed before libFuzzer's stack trace and the crash input's path) says which property failed, not only where.

/// Stops the process (libFuzzer records the input as a crash) when `condition` is false.
@inline(__always)
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError("invariant violated: \(message())", file: file, line: line)
    }
}
