// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanExchange
import Foundation
import Logging
import ServiceLifecycle

/// Signs a checkpoint of the audit chain head every `audit.checkpointSeconds` and once more at shutdown: kept in the
/// store, appended to `audit.checkpointFile` when one is set, and written to the log. See ``AuditCheckpoint``.
struct AuditCheckpointService: Service {
    let hub: Hub
    let logger: Logger

    func run() async throws {
        // A hub that refused to start (a signing key that is not the one receipts were issued with) signs nothing.
        guard await self.hub.preparation.wait() else { return try await gracefulShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, self.hub.configuration.audit.checkpointSeconds)))
                guard !Task.isCancelled else { break }
                await self.checkpoint()
            }
        }
        // Graceful shutdown: the last word of this run.
        await self.checkpoint()
    }

    private func checkpoint() async {
        do {
            if let signed = try await Self.write(self.hub) {
                self.logger.info("audit checkpoint", metadata: ["checkpoint": "\(signed.json())"])
            }
        } catch {
            self.logger.error("audit checkpoint failed", metadata: ["error": "\(error)"])
        }
    }

    /// A checkpoint of the current head, signed and kept; nil when the log is empty or the head has one already.
    @discardableResult
    static func write(_ hub: Hub) async throws -> SignedReceipt? {
        guard let head = try await hub.store.auditHead() else { return nil }
        let last = try await hub.store.auditCheckpoints().last.flatMap { try? SignedReceipt(json: $0) }
        if let last, let payload = try? ReceiptVerifier.verify(last, publicKey: hub.signer.publicKey, as: AuditCheckpoint.self),
            payload.auditSequence == head.sequence
        {
            return nil
        }
        let now = hub.now()
        let signed = try hub.signer.sign(AuditCheckpoint(position: head, time: ISO8601.string(now)))
        try await hub.store.saveAuditCheckpoint(signed.json(), position: head, at: now)
        if let path = hub.configuration.audit.checkpointFile { try Self.append(signed.json(), to: path) }
        return signed
    }

    /// Appends one line and makes it durable.
    private static func append(_ line: String, to path: String) throws {
        do {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw HubSetupError("監査チェックポイントを書き込めません / cannot write the audit checkpoint file \(path): \(error)")
        }
    }
}
