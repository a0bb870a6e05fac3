// CarePlan Link — CarePlanClient
import Foundation

/// Downloads every new unit addressed to us into a folder, then acknowledges it.
///
/// Layout: each unit ends up in `<out>/<ファイル連番>_<送信元>_<unit id>/` with its files, `unit.json` (what the hub
/// listed) and, once acknowledged, `receipt-acknowledged.json`. Work in progress lives in `<out>/.incoming/<unit id>/`:
/// an interrupted fetch resumes there (files already complete and matching their SHA-256 are kept), and a unit folder
/// appears only when all its files are on disk. The hub is told 取込済 only after that, so a crash at any point loses
/// nothing and a rerun never stores a unit twice.
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
        /// Units found already stored from an earlier, interrupted run and only acknowledged now.
        public var acknowledgedOnly: [String] = []
        public var bytes = 0
    }

    public init(client: HubClient, folder: String) {
        self.client = client
        self.folder = folder
    }

    public func fetch(progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        let incoming = (self.folder as NSString).appendingPathComponent(".incoming")
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        // The spec imports by ファイル連番; fetching in that order lets an importer start while the fetch goes on.
        let units = try await self.client.pendingUnits().sorted { ($0.timestamp, $0.sender, $0.id) < ($1.timestamp, $1.sender, $1.id) }
        var state = Progress(unitsDone: 0, unitsTotal: units.count, bytesDone: 0, bytesTotal: units.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.size } })
        progress(state)
        var outcome = Outcome()
        for unit in units {
            let final = (self.folder as NSString).appendingPathComponent(Self.folderName(unit))
            if FileManager.default.fileExists(atPath: (final as NSString).appendingPathComponent("unit.json")) {
                outcome.acknowledgedOnly.append(final)
            } else {
                let work = (incoming as NSString).appendingPathComponent(unit.id)
                try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
                for file in unit.files {
                    let path = (work as NSString).appendingPathComponent(file.name)
                    if let existing = FileManager.default.contents(atPath: path), DurableFile.sha256(Array(existing)) == file.sha256 {
                        // Completed by an earlier run.
                    } else {
                        try await self.client.download(unitID: unit.id, file: file, to: path)
                        outcome.bytes += file.size
                    }
                    state.bytesDone += file.size
                    progress(state)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try DurableFile.store(Array(try encoder.encode(unit)), at: (work as NSString).appendingPathComponent("unit.json"))
                try FileManager.default.moveItem(atPath: work, toPath: final)
                try DurableFile.syncDirectory(self.folder)
                try DurableFile.syncDirectory(incoming)
                outcome.stored.append(final)
            }
            let receipt = try await self.client.acknowledge(unitID: unit.id)
            try DurableFile.store(Array(receipt.utf8), at: (final as NSString).appendingPathComponent("receipt-acknowledged.json"))
            state.unitsDone += 1
            progress(state)
        }
        return outcome
    }

    /// `<ファイル連番>_<送信元>_<unit id>`: sorts in import order and never collides.
    static func folderName(_ unit: RemoteUnit) -> String {
        "\(unit.timestamp)_\(unit.sender)_\(unit.id)"
    }
}
