// CarePlan Link — CarePlanHubStore
public import CarePlanExchange
import Crypto
import Foundation

/// The hash chain of the audit log: each entry's hash covers its fields and the previous hash, so that an edit, a
/// deletion or an insertion anywhere breaks every hash after it.
public enum AuditChain {
    /// The `previousHash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry with these fields.
    public static func hash(sequence: Int64, time: Double, actor: String, office: String?, action: String, subject: String, previousHash: String) -> String {
        // Fields are length-prefixed so that no two different entries serialise alike.
        var data = Data()
        for field in [String(sequence), String(format: "%.6f", time), actor, office ?? "\u{0}", action, subject, previousHash] {
            let bytes = Data(field.utf8)
            data.append(contentsOf: withUnsafeBytes(of: UInt32(bytes.count).bigEndian, Array.init))
            data.append(bytes)
        }
        return HexDigest.hex(SHA256.hash(data: data))
    }

    /// The entry that records `record` at `time` after the chain's head `last` (nil for an empty log): the next
    /// sequence number, the previous hash and its own hash. Text fields are cut to ``AuditRecord/maxFieldLength``
    /// bytes: the log must not grow with what a caller sends. Every store appends through it, so that every store
    /// builds the same chain.
    public static func entry(after last: AuditPosition?, recording record: AuditRecord, at time: Double) -> AuditEntry {
        let sequence = (last?.sequence ?? 0) + 1
        let previousHash = last?.hash ?? Self.genesis
        let record = record.bounded()
        let hash = Self.hash(
            sequence: sequence, time: time, actor: record.actor, office: record.office, action: record.action, subject: record.subject,
            previousHash: previousHash)
        return AuditEntry(
            sequence: sequence, time: time, actor: record.actor, office: record.office, action: record.action, subject: record.subject,
            previousHash: previousHash, hash: hash)
    }

    /// A problem found when verifying the chain.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let sequence: Int64
        public let reason: String
        public var description: String { "audit entry \(self.sequence): \(self.reason)" }
    }

    /// Verifies entries given in order, continuing from `previous` (the last verified entry's hash and sequence).
    public static func verify(_ entries: [AuditEntry], after previous: (sequence: Int64, hash: String) = (0, genesis)) -> [Break] {
        var breaks: [Break] = []
        var expectedSequence = previous.sequence + 1
        var previousHash = previous.hash
        for entry in entries {
            if entry.sequence != expectedSequence {
                breaks.append(Break(sequence: entry.sequence, reason: "gap: expected sequence \(expectedSequence) (エントリの欠落 / entries missing)"))
            }
            if entry.previousHash != previousHash {
                breaks.append(Break(sequence: entry.sequence, reason: "previous hash does not match (連鎖の断絶 / chain broken)"))
            }
            let recomputed = Self.hash(
                sequence: entry.sequence, time: entry.time, actor: entry.actor, office: entry.office, action: entry.action, subject: entry.subject,
                previousHash: entry.previousHash)
            if recomputed != entry.hash {
                breaks.append(Break(sequence: entry.sequence, reason: "content does not match its hash (改ざん / edited)"))
            }
            expectedSequence = entry.sequence + 1
            previousHash = entry.hash
        }
        return breaks
    }
}
