// CarePlan Link — careplan command-line tool
import Foundation

/// A line on standard error (diagnostics, so that standard output stays machine-readable).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
