// CarePlan Link — CarePlanHub
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ZIPFoundation

/// A whole unit's files in one ZIP (ZIPFoundation, in memory, deflated), for the web's one-click download. The
/// entries carry the unit's acceptance time, so the same unit gives the same archive.
enum UnitArchive {
    struct ArchiveError: Error {}

    static func zip(_ files: [(name: String, bytes: [UInt8])], modified: Date) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            let data = Data(file.bytes)
            try archive.addEntry(
                with: file.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ArchiveError() }
        return data
    }

    static func response(_ zip: Data, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: zip)))
    }
}
