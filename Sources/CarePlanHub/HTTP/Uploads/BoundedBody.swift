// CarePlan Link — CarePlanHub
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading a request body with a size limit and a deadline: the two things a client must not be able to stretch.
enum BoundedBody {
    /// The deadline for the small bodies anyone may send (login forms): a few KiB need no minutes.
    static let smallBodySeconds = 10.0

    /// The body, at most `limit` bytes, arrived within `timeout` seconds.
    /// - Throws: ``HubError`` 413 (`limit.request`) when it is larger, 408 (`request.timeout`) when it is too slow; both
    ///   answer `Connection: close`, since the rest of the body is not read.
    static func collect(_ request: Request, limit: Int, timeout: Double) async throws -> ByteBuffer {
        let body = request.body
        // A task group, so that the read has ended before the handler returns: Hummingbird goes on with the same body
        // iterator afterwards, and two readers of it at once are a fatal error. The read ends on cancellation.
        let collected: ByteBuffer? = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await body.collect(upTo: limit)
                } catch is NIOTooManyBytesError {
                    throw Self.tooLarge(limit)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let collected else {
            var error = HubError(
                status: .requestTimeout, code: "request.timeout",
                message: "リクエスト本文の受信が\(Int(timeout))秒以内に終わりませんでした / the request body did not arrive within \(Int(timeout)) s")
            error.headers[.connection] = "close"
            throw error
        }
        return collected
    }

    static func tooLarge(_ limit: Int) -> HubError {
        var error = HubError(
            status: .contentTooLarge, code: "limit.request", message: "リクエストが上限（\(limit)バイト）を超えています / the request exceeds \(limit) bytes")
        error.headers[.connection] = "close"
        return error
    }
}
