// CarePlan Link — careplan command-line tool
import Foundation
import Hummingbird
import NIOCore

/// Runs a hub application until SIGINT/SIGTERM, turning a taken port into a message that says what to do.
func runServer(_ app: some ApplicationProtocol, port: Int) async throws {
    do {
        try await app.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
        throw CommandError("ポート \(port) は使用中です。--port で別のポートを指定してください / port \(port) is in use; choose another with --port")
    }
}
