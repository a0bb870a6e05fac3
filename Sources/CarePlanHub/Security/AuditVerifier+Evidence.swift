// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanExchange
import Foundation

extension AuditVerifier {
    /// Evidence that could not be used: a missing or unreadable file, or one that holds no signed statement.
    public struct EvidenceError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Verifies a hub's audit log with its own receipt key, against the checkpoints it kept in the database and in
    /// `audit.checkpointFile`, and the receipts or checkpoints in `evidenceFiles`.
    /// - Throws: ``EvidenceError`` when the configured checkpoint file is gone (a sign of tampering or of a lost copy,
    ///   so it is not skipped) or an evidence file cannot be read as signed statements.
    public static func verify(store: any HubStore, configuration: HubConfiguration, evidenceFiles: [String]) async throws -> Report {
        guard let signingKey = configuration.signingKey else { throw EvidenceError("hub.json に signingKey がありません / no signingKey in hub.json") }
        let publicKey = try ReceiptSigner(base64PrivateKey: signingKey).publicKey
        var files = evidenceFiles
        if let kept = configuration.audit.checkpointFile {
            guard FileManager.default.fileExists(atPath: kept) else {
                throw EvidenceError("監査チェックポイントのファイルがありません / the audit checkpoint file \(kept) is missing")
            }
            files.append(kept)
        }
        var statements: [SignedReceipt] = []
        for file in files { statements += try Self.signedStatements(in: file) }
        return try await Self.verify(store: store, publicKey: publicKey, evidence: statements)
    }

    /// The signed statements in a file: one JSON receipt, an upload answer holding one, or JSON lines of them. An
    /// empty file holds none; a line that is none of these makes the whole file unusable.
    public static func signedStatements(in path: String) throws -> [SignedReceipt] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw EvidenceError("ファイルを読めません / cannot read \(path)")
        }
        struct Wrapped: Decodable { let receipt: SignedReceipt }
        func decode(_ json: Substring) -> SignedReceipt? {
            let data = Data(json.utf8)
            return (try? JSONDecoder().decode(SignedReceipt.self, from: data)) ?? (try? JSONDecoder().decode(Wrapped.self, from: data))?.receipt
        }
        if text.allSatisfy(\.isWhitespace) { return [] }
        if let one = decode(Substring(text)) { return [one] }
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        let statements = lines.compactMap(decode)
        guard statements.count == lines.count, !statements.isEmpty else {
            throw EvidenceError("受領証・チェックポイントとして読めません / not a receipt or checkpoint file: \(path)")
        }
        return statements
    }
}
