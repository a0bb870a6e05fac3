// CarePlan Link — CarePlanHubStore

/// What to write to the audit log with an operation (the store fills sequence, time and hashes).
public struct AuditRecord: Sendable, Hashable {
    public var actor: String
    public var office: String?
    public var action: String
    public var subject: String

    public init(actor: String, office: String?, action: String, subject: String) {
        self.actor = actor
        self.office = office
        self.action = action
        self.subject = subject
    }

    /// The longest text the log keeps in one field, in UTF-8 bytes; longer text is cut and marked with `…`.
    public static let maxFieldLength = 256

    /// The record with every field cut to ``maxFieldLength`` bytes (bytes, not characters: one character can be
    /// kilobytes of combining marks).
    public func bounded() -> AuditRecord {
        func cut(_ text: String) -> String {
            guard text.utf8.count > Self.maxFieldLength else { return text }
            var kept = String.UnicodeScalarView()
            var bytes = 0
            for scalar in text.unicodeScalars {
                bytes += String(scalar).utf8.count
                guard bytes <= Self.maxFieldLength - 3 else { break }
                kept.append(scalar)
            }
            return String(kept) + "…"
        }
        return AuditRecord(actor: cut(self.actor), office: self.office.map(cut), action: cut(self.action), subject: cut(self.subject))
    }
}
