// CarePlan Link — CarePlanClient
import CarePlanExchange
public import CarePlanCSV
import Foundation

/// The files of one send unit on disk: one sender, one recipient, one ファイル連番.
public struct LocalUnit: Sendable {
    public let key: SendUnitKey
    /// Paths of the unit's files, sorted by name.
    public let paths: [String]
    /// File names found more than once with different contents (e.g. two folders holding different copies of the unit):
    /// such a unit is neither sent nor imported.
    public let conflictingNames: [String]

    /// Groups files into send units by the sender, recipient and ファイル連番 in their names, oldest unit first. A file
    /// name met twice with the same bytes (the same unit in two folders) counts once; with other bytes it is a conflict.
    /// With `toleratingCopySuffix` (an importer's receive profile), a name with a browser's copy number (` (1)`) belongs
    /// to the unit its name without it names; the validator reports it.
    /// - Returns: the units, and the paths whose names are not spec file names.
    public static func group(_ paths: [String], toleratingCopySuffix: Bool = false) -> (units: [LocalUnit], unnamed: [String]) {
        var byKey: [SendUnitKey: [String]] = [:]
        var conflicts: [SendUnitKey: Set<String>] = [:]
        var firstPath: [String: String] = [:]
        var unnamed: [String] = []
        for path in paths {
            let fileName = (path as NSString).lastPathComponent
            guard let name = try? CarePlanFileName(parsing: fileName, toleratingCopySuffix: toleratingCopySuffix) else {
                unnamed.append(path)
                continue
            }
            if let earlier = firstPath[fileName] {
                if earlier != path && FileManager.default.contents(atPath: earlier) != FileManager.default.contents(atPath: path) {
                    conflicts[name.sendUnitKey, default: []].insert(fileName)
                }
                continue
            }
            firstPath[fileName] = path
            byKey[name.sendUnitKey, default: []].append(path)
        }
        let units = byKey.map { key, paths in
            LocalUnit(
                key: key, paths: paths.sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent },
                conflictingNames: (conflicts[key] ?? []).sorted())
        }
        return (units.sorted { $0.key < $1.key }, unnamed)
    }

    /// The spec files (.CSV, .jpg) under `folder`, recursively and sorted, skipping hidden folders (work in progress).
    public static func specFiles(under folder: String) -> [String] {
        let entries = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
        return entries.filter { path in
            let lower = path.lowercased()
            return !path.split(separator: "/").contains { $0.hasPrefix(".") } && (lower.hasSuffix(".csv") || lower.hasSuffix(".jpg"))
        }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Where the unit's signed receipt is saved: next to its files, `<ファイル連番>_<送信元>_<送信先>.receipt.json`.
    public var receiptPath: String {
        let folder = (self.paths.first.map { ($0 as NSString).deletingLastPathComponent }) ?? "."
        return (folder as NSString).appendingPathComponent("\(self.key.timestamp)_\(self.key.sender)_\(self.key.recipient).receipt.json")
    }
}
