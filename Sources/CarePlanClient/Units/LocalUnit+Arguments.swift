// CarePlan Link — CarePlanClient
import Foundation

extension LocalUnit {
    /// File and folder arguments expanded into the files of the standard they hold: files as given, folders walked
    /// like ``specFiles(under:)`` (sorted, recursive, hidden work folders such as `.incoming` skipped).
    /// - Throws: ``MissingPath`` for a path that does not exist.
    public static func specFiles(in paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
            return isDirectory.boolValue ? Self.specFiles(under: path) : [path]
        }
    }

    /// A file or folder argument that does not exist.
    public struct MissingPath: Error, Equatable, CustomStringConvertible {
        public let path: String
        public var description: String { "ファイルまたはフォルダがありません / no such file or folder: \(self.path)" }
    }
}
