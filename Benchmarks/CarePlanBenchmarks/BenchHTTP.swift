// CarePlan Link — careplan-bench
import AsyncHTTPClient
import CarePlanExchange
import Foundation
import NIOCore
import NIOHTTP1

/// The raw HTTP pieces of the hub benchmark. Uploads are encoded once before the clock starts and sent on a pool
/// sized to the concurrency, so that only the hub is measured; `HubClient.send` encodes per call, retries, and
/// re-serialises the answer, and its pool is not sized to the benchmark.
enum BenchHTTP {
    /// Waits until `url` answers 200 (a server just started).
    static func waitUntilUp(_ client: HTTPClient, _ url: String) async throws {
        for _ in 0..<100 {
            if let response = try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(1)), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("server did not start: \(url)")
    }

    /// A `multipart/form-data` body with one `file` part per file (the client's ``MultipartBody``, made before the
    /// clock starts), and its boundary.
    static func multipart(_ files: [(String, [UInt8])]) -> (ByteBuffer, String) {
        let body = MultipartBody(files: files.map { (name: $0.0, bytes: $0.1) }, boundary: "careplan-bench-\(UUID().uuidString)")
        return (ByteBuffer(bytes: body.bytes), body.boundary)
    }
}
