// CarePlan Link — CarePlanHub
public import CarePlanCSV

/// Why the hub refuses an exchange operation (an upload, a download, an import report, a withdrawal), in the domain's terms. The
/// API answers it through `HTTP/Errors/ExchangeError+HTTPResponseError.swift`, which alone picks the status; the CLI
/// and `Hub.submit` callers see the same value. Never carries care data: `details` are redacted when answered.
public struct ExchangeError: Error, Sendable, CustomStringConvertible {
    /// What kind of refusal it is.
    public enum Reason: String, Sendable {
        /// The request is not a well-formed unit (no files, mixed units, duplicate names).
        case malformed
        /// The caller may not do this (another office's name as sender).
        case forbidden
        /// No such unit or file for this caller.
        case notFound
        /// Over a configured limit (files per unit, bytes per file).
        case tooLarge
        /// The files break the spec (names, content, composition) or name an unknown recipient.
        case invalid
        /// What is stored forbids it (a reused ファイル連番, an expired unit).
        case conflict
        /// The files were deleted after their retention period.
        case gone
        /// The stored data does not match its digest.
        case damaged
        /// Too many uploads in progress; retry in a moment.
        case busy
        /// Something the hub needs for this is not installed here (the PDF engine).
        case unavailable
    }

    public let reason: Reason
    /// Stable, machine-readable (e.g. `unit.invalid`); documented in the OpenAPI description.
    public let code: String
    /// `日本語 / English`
    public let message: String
    /// The located problems of a refused unit.
    public var details: [Diagnostic] = []

    public init(_ reason: Reason, _ code: String, _ message: String, details: [Diagnostic] = []) {
        self.reason = reason
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(self.code): \(self.message)" }

    static let unitNotFound = ExchangeError(.notFound, "unit.notFound", "送信単位が見つかりません / no such unit")
    static let withdrawn = ExchangeError(.gone, "unit.withdrawn", "送信元が取り下げた送信単位です / the sender withdrew this unit")
    static func expired(at time: String) -> ExchangeError {
        ExchangeError(
            .gone, "unit.expired",
            "保存期間内に受信されなかったため \(time) に期限切れになりました / the unit expired at \(time), not downloaded within the retention period")
    }
    static let notReceived = ExchangeError(
        .conflict, "unit.notReceived",
        "すべてのファイルを受信（ダウンロード）してから取込結果を報告してください / download every file of the unit before reporting its import")
    static let alreadyImported = ExchangeError(
        .conflict, "unit.alreadyImported", "取込済の送信単位は取込不可にできません / the unit was already reported imported")
    static let notWithdrawable = ExchangeError(
        .conflict, "unit.notWithdrawable",
        "送信先がすでにファイルを受信したか、受付済の状態ではないため取り下げできません / only an accepted unit of which the recipient downloaded nothing can be withdrawn")
    static let notResendable = ExchangeError(
        .conflict, "unit.notResendable",
        "もう一度送れるのは、期限切れでファイルが保管されていて、送信先が一部も受信していない送信単位だけです。ファイルを送信画面から送ってください / only an expired unit whose files are kept and of which nothing was downloaded can be sent again; upload the files instead")
    static func sequenceReused(_ timestamp: String) -> ExchangeError {
        ExchangeError(
            .conflict, "unit.sequenceReused",
            "このファイル連番（\(timestamp)）は別の内容で送信済みです。新しい連番で送ってください / ファイル連番 \(timestamp) was already used for a different unit; send with a new one")
    }
}
