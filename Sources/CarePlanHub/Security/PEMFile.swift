// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanExchange
import Foundation

/// Key and certificate files as the hub hands them out.
public enum PEMFile {
    /// Writes `text` with the given permissions (keys: owner only, 0o600). PEM files end with a newline, so that
    /// concatenated chains stay readable.
    public static func write(_ text: String, to path: String, mode: Int) throws {
        try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}
