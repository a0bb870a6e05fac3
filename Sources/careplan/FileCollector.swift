// CarePlan Link — careplan command-line tool
import CarePlanHubStore
import CarePlanExchange
import CarePlanClient
import Foundation

/// Expands file and folder arguments into the files of the standard they contain (sorted, recursive).
enum FileCollector {
    static func collect(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandError("ファイルまたはフォルダがありません / no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                // The same walk as the client library's (hidden work folders such as .incoming are skipped).
                files += LocalUnit.specFiles(under: path)
            } else {
                files.append(path)
            }
        }
        return files
    }
}
