// CarePlan Link — CarePlanClient
public import CarePlanCSV

/// Writes a version back to spec CSV (MS932, CRLF, the current CSV version), one file per original file, under the
/// original file names: for care software that imports only the latest state.
public enum PlanExport {
    public static func files(of version: PlanVersion) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        for document in version.documents {
            guard let name = document.fileName else { continue }
            files.append((name, try document.write().bytes))
        }
        for (name, bytes) in version.attachments.sorted(by: { $0.key < $1.key }) { files.append((name, bytes)) }
        return files
    }
}
