// CarePlan Link — CarePlanClient
import CarePlanCSV
import Foundation

/// Writes versions back to spec CSV (MS932, CRLF, the current CSV version) under the original file names: for care
/// software that imports only the latest state. Versions whose rows came from the same file (two plans of one user in
/// one unit) are merged back into that file.
public enum PlanExport {
    public static func files(of versions: [PlanVersion]) throws -> [(name: String, bytes: [UInt8])] {
        var documents: [String: CarePlanDocument] = [:]
        var attachments: [String: [UInt8]] = [:]
        for version in versions {
            for document in version.documents {
                guard let name = document.fileName else { continue }
                documents[name, default: CarePlanDocument(fileName: name, kind: document.kind, csvVersion: document.csvVersion, records: [])]
                    .records += document.records
            }
            attachments.merge(version.attachments) { first, _ in first }
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for name in documents.keys.sorted() { files.append((name, try documents[name]!.write().bytes)) }
        for name in attachments.keys.sorted() { files.append((name, attachments[name]!)) }
        return files
    }

    public static func files(of version: PlanVersion) throws -> [(name: String, bytes: [UInt8])] {
        try self.files(of: [version])
    }

    /// Writes ``files(of:)`` into `folder` (created if needed), each atomically; returns the paths written.
    public static func write(_ versions: [PlanVersion], to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try Self.files(of: versions).map { file in
            let path = (folder as NSString).appendingPathComponent(file.name)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        }
    }
}
