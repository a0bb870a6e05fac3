// CarePlan Link — CarePlanHub
public import CarePlanHubStore
public import CarePlanExchange
import Foundation

/// Verifies the audit log: the hash chain from the first entry to the last, then every signed point of it that is
/// known — the checkpoints the hub kept, and any receipts or checkpoints handed in by whoever holds them.
///
/// What it finds: an edited, inserted or deleted entry (the chain breaks); a log cut after the last entry someone
/// holds a receipt or checkpoint for (the log ends before that sequence); a log rewritten and re-chained (the entry at
/// a signed sequence has another hash). What it cannot find: changes after the newest signed point anyone kept, and
/// anything done by someone who also holds the hub's signing key (they can sign new checkpoints).
public enum AuditVerifier {
    /// The outcome of a verification.
    public struct Report: Sendable {
        /// Entries read.
        public var entries = 0
        /// The last entry, if any.
        public var head: AuditPosition?
        /// Breaks of the hash chain.
        public var breaks: [AuditChain.Break] = []
        /// Signed points checked (kept checkpoints and handed-in evidence).
        public var anchorsChecked = 0
        /// Problems with signed points: each says which one and what is wrong.
        public var anchorProblems: [String] = []

        public var isIntact: Bool { self.breaks.isEmpty && self.anchorProblems.isEmpty }
    }

    /// The two fields every signed point carries (receipts and checkpoints alike).
    private struct Anchor: Decodable {
        var event: String
        var unitID: String?
        var time: String
        var auditSequence: Int64?
        var auditHash: String?
    }

    /// Verifies the chain in `store` against its kept checkpoints and `evidence` (receipts or checkpoints, as signed
    /// JSON), checking every signature with `publicKey`.
    public static func verify(store: any HubStore, publicKey: String, evidence: [SignedReceipt] = []) async throws -> Report {
        var report = Report()
        var previous: (sequence: Int64, hash: String) = (0, AuditChain.genesis)
        while true {
            let entries = try await store.auditEntries(from: previous.sequence + 1, limit: 10_000)
            guard let last = entries.last else { break }
            report.breaks += AuditChain.verify(entries, after: previous)
            report.entries += entries.count
            previous = (last.sequence, last.hash)
        }
        if report.entries > 0 { report.head = AuditPosition(sequence: previous.sequence, hash: previous.hash) }

        let kept = try await store.auditCheckpoints().map { json -> SignedReceipt? in try? SignedReceipt(json: json) }
        for (index, receipt) in (kept + evidence.map(Optional.some)).enumerated() {
            let label = index < kept.count ? "保存済みチェックポイント / kept checkpoint #\(index + 1)" : "提出された証拠 / evidence #\(index - kept.count + 1)"
            guard let receipt else {
                report.anchorProblems.append("\(label): 形式が不正です / malformed")
                continue
            }
            let anchor: Anchor
            do {
                anchor = try ReceiptVerifier.verify(receipt, publicKey: publicKey, as: Anchor.self)
            } catch {
                report.anchorProblems.append("\(label): \(error.description)")
                continue
            }
            guard let sequence = anchor.auditSequence, let hash = anchor.auditHash else { continue }
            report.anchorsChecked += 1
            let what = "\(label) (\(anchor.event)\(anchor.unitID.map { " \($0)" } ?? ""), \(anchor.time), sequence \(sequence))"
            guard let entry = try await store.auditEntries(from: sequence, limit: 1).first, entry.sequence == sequence else {
                report.anchorProblems.append(
                    "\(what): 監査ログがこの位置まで届いていません（末尾の削除） / the log ends at \(report.head?.sequence ?? 0), before this signed point: entries were removed")
                continue
            }
            if entry.hash != hash {
                report.anchorProblems.append("\(what): 署名された値とハッシュが違います（書き換え） / the entry's hash differs from the signed one: the log was rewritten")
            }
        }
        return report
    }
}
