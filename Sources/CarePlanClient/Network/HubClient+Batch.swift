// CarePlan Link — CarePlanClient
public import CarePlanExchange
import Foundation
import NIOCore
import NIOHTTP1

/// Many units at once (`careplan send --dry-run` previews with it).
extension HubClient {
    /// Checks (`dryRun`) or sends every unit of `files`, each on its own; the answer says what happened to each.
    public func sendBatch(_ files: [(name: String, bytes: [UInt8])], dryRun: Bool) async throws -> BatchResult {
        let body = MultipartBody(files: files, boundary: "careplan-" + UUID().uuidString)
        return try await self.decode(
            BatchResult.self, .POST, "/api/v1/batches\(dryRun ? "?dryRun=true" : "")", headers: ["Content-Type": body.contentType],
            body: ByteBuffer(bytes: body.bytes))
    }
}
