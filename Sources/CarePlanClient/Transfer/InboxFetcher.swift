// CarePlan Link — CarePlanClient
import CarePlanExchange
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Downloads every new unit addressed to us into a folder. The hub marks a unit 受信済 when its last file is
/// downloaded; 取込済 or 取込不可 is for the import to report (``ImportReporter``), not for the fetch.
///
/// Layout: each unit ends up in `<out>/<ファイル連番>_<送信元>_<unit id>/` with its files, `unit.json` (what the hub
/// listed) and `receipt-received.json` (the hub's signed 受信 receipt). Work in progress lives in
/// `<out>/.incoming/<unit id>/`: an interrupted fetch resumes there (files already complete and matching their SHA-256
/// are kept), and a unit folder appears only when all its files are on disk, so a crash at any point loses nothing and
/// a rerun never stores a unit twice.
public struct InboxFetcher: Sendable {
    public let client: HubClient
    public let folder: String

    /// Progress of a fetch, for a progress bar.
    public struct Progress: Sendable {
        public var unitsDone: Int
        public var unitsTotal: Int
        public var bytesDone: Int
        public var bytesTotal: Int
    }

    /// What one run did.
    public struct Outcome: Sendable {
        /// Folders of the units stored in this run (oldest ファイル連番 first).
        public var stored: [String] = []
        /// Units found already stored by an earlier run (not yet imported): not downloaded again.
        public var alreadyStored: [String] = []
        /// Units that could not be fetched (their files deleted after the retention period, or refused by the hub), with
        /// the reason; the other units are fetched all the same.
        public var skipped: [(unitID: String, reason: String)] = []
        public var bytes = 0
    }

    static let receivedReceiptFile = "receipt-received.json"

    /// Another fetch is running on the folder.
    public struct FetchInProgress: Error, CustomStringConvertible {
        public let folder: String
        public var description: String { "別の careplan fetch がこのフォルダで実行中です / another fetch is running on \(self.folder)" }
    }

    public init(client: HubClient, folder: String) {
        self.client = client
        self.folder = folder
    }

    public func fetch(progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        let incoming = (self.folder as NSString).appendingPathComponent(".incoming")
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        // One fetch per folder at a time: two would download the same units into the same work files.
        let lock = open((incoming as NSString).appendingPathComponent(".lock"), O_RDWR | O_CREAT, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            if lock >= 0 { close(lock) }
            throw FetchInProgress(folder: self.folder)
        }
        defer { close(lock) }
        // The spec imports by ファイル連番; fetching in that order lets an importer start while the fetch goes on.
        let units = try await self.client.pendingUnits().sorted { ($0.timestamp, $0.sender, $0.id) < ($1.timestamp, $1.sender, $1.id) }
        var state = Progress(unitsDone: 0, unitsTotal: units.count, bytesDone: 0, bytesTotal: units.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.size } })
        progress(state)
        var outcome = Outcome()
        for unit in units {
            let bytesBefore = state.bytesDone
            if let purged = unit.filesPurgedAt {
                outcome.skipped.append((unit.id, "保存期間を過ぎてファイルが削除されています / the hub deleted its files after the retention period (\(purged))"))
            } else {
                do {
                    try await self.fetch(unit, incoming: incoming, state: &state, outcome: &outcome, progress: progress)
                } catch let error as HubClientError {
                    // A refusal concerns this unit only (410, 404…); a network failure ends the run.
                    guard case .rejected = error else { throw error }
                    outcome.skipped.append((unit.id, error.description))
                }
            }
            // A skipped unit's bytes count as done, so that the total is reached.
            state.bytesDone = bytesBefore + unit.files.reduce(0) { $0 + $1.size }
            state.unitsDone += 1
            progress(state)
        }
        return outcome
    }

    private func fetch(
        _ unit: UnitView, incoming: String, state: inout Progress, outcome: inout Outcome, progress: @Sendable (Progress) -> Void
    ) async throws {
        let final = (self.folder as NSString).appendingPathComponent(Self.folderName(unit))
        if FileManager.default.fileExists(atPath: (final as NSString).appendingPathComponent("unit.json")) {
            outcome.alreadyStored.append(final)
        } else {
            let work = (incoming as NSString).appendingPathComponent(unit.id)
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            for file in unit.files {
                let path = (work as NSString).appendingPathComponent(file.name)
                if let existing = FileManager.default.contents(atPath: path), HexDigest.sha256(Array(existing)) == file.sha256 {
                    // Completed by an earlier run.
                } else {
                    // Progress inside the file for long transfers (capped at the file's size, so a retried file cannot overshoot).
                    let before = state.bytesDone
                    var current = state
                    try await self.client.download(unitID: unit.id, file: file, to: path) { count in
                        current.bytesDone = min(current.bytesDone + count, before + file.size)
                        progress(current)
                    }
                    outcome.bytes += file.size
                }
                state.bytesDone += file.size
                progress(state)
            }
            let encoder = JSONEncoder.readable
            try DurableFile.store(Array(try encoder.encode(unit)), at: (work as NSString).appendingPathComponent("unit.json"))
            try FileManager.default.moveItem(atPath: work, toPath: final)
            try DurableFile.syncDirectory(self.folder)
            try DurableFile.syncDirectory(incoming)
            outcome.stored.append(final)
        }
        try await self.saveReceivedReceipt(unitID: unit.id, in: final)
    }

    /// Keeps the hub's 受信 receipt beside the files (fetched again by a later run if this one stopped before).
    private func saveReceivedReceipt(unitID: String, in folder: String) async throws {
        let path = (folder as NSString).appendingPathComponent(Self.receivedReceiptFile)
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let receipts = try await self.client.receipts(unitID: unitID)
        guard let received = receipts.first(where: { (try? $0.decodedPayload().event) == "received" }) else { return }
        try DurableFile.store(Array(received.json(escapingSlashes: false).utf8), at: path)
    }

    /// `<ファイル連番>_<送信元>_<unit id>`: sorts in import order and never collides.
    static func folderName(_ unit: UnitView) -> String {
        "\(unit.timestamp)_\(unit.sender)_\(unit.id)"
    }
}
