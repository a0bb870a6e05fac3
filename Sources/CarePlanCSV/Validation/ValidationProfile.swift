// CarePlan Link — CarePlanCSV

/// 検証プロファイル: how strictly a file is judged.
///
/// The rules are the same; a profile decides what a deviation the spec forbids but a reader can still read without
/// doubt costs. `send` refuses it (a conformant sender must not write it); `receive` reads it and says so in a
/// warning with a note, never silently. Each tolerated deviation is listed in docs/INTERPRETATIONS.md §24 with the
/// spec text and why it is unambiguous.
public enum ValidationProfile: String, CaseIterable, Codable, Sendable {
    /// 送信: what a conformant sender must write (the hub, `careplan send`, `careplan conformance`).
    case send
    /// 受信: what an importer can still read (the import store, `careplan validate --profile receive`).
    case receive

    /// The severity of a deviation that this profile tolerates: an error when sending, a warning when receiving.
    var toleratedSeverity: Diagnostic.Severity { self == .send ? .error : .warning }

    /// Rules whose deviation the receive profile reads as a warning (each in docs/INTERPRETATIONS.md §24).
    public static let toleratedRules: Set<Rule> = [
        .freeTextNotQuoted, .fullWidthDash, .fileNameCopySuffix, .fileNameExtensionCase, .versionIssueMonth,
    ]

    /// The note a tolerated deviation carries in the receive profile.
    static let toleratedNoteJA = "受信プロファイルでは読み取れるため警告としています（送信側は修正してください）"
    static let toleratedNoteEN = "read by the receive profile and reported as a warning; the sender should correct it"
}
