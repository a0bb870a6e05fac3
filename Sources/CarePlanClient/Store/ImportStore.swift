// CarePlan Link — CarePlanClient
import CarePlanExchange
import CarePlanCSV
public import Foundation
import GRDB

/// The care software's local store of received (and sent) plans: SQLite through GRDB.
///
/// Units are applied in the spec's order — ascending ファイル連番 — one transaction each. For every key a unit touches
/// (``PlanKey``), the unit replaces the family's rows, deletes them with the spec's cascades, or removes one provider's
/// service type from the 実績. A unit older than what is already applied for a key is not applied to that key and is
/// reported (``ImportReport/stale``). Every applied version is kept for history and diffs.
///
/// ```swift
/// let store = try ImportStore(path: "office.sqlite")
/// let report = try await store.importFolder("inbox")
/// ```
public struct ImportStore: Sendable {
    /// Internal: the extensions in this folder (pending reports, comparisons) share the connection.
    let writer: any DatabaseWriter

    public init(path: String) throws {
        // WAL: one fsync per imported unit instead of several, and readers (plans, reconcile) do not wait for an import.
        try self.init(writer: DatabasePool(path: path, configuration: Self.configuration()))
    }

    /// A store on a private in-memory database (tests).
    public static func inMemory() throws -> ImportStore {
        try ImportStore(writer: DatabaseQueue(configuration: Self.configuration()))
    }

    private init(writer: any DatabaseWriter) throws {
        try ImportMigrations.migrator.migrate(writer)
        self.writer = writer
    }

    private static func configuration() -> GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.label = "CarePlanImportStore"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        return configuration
    }

    // MARK: - Importing

    /// Imports every unit found under `paths` (files, or folders searched recursively, e.g. what `careplan fetch`
    /// wrote, or a folder of sent files), oldest ファイル連番 first. Units already imported are skipped.
    public func importFiles(_ paths: [String], now: Double = Date().timeIntervalSince1970) async throws -> ImportReport {
        let (units, unnamed) = LocalUnit.group(paths, toleratingCopySuffix: true)
        var report = ImportReport()
        report.ignoredFiles = unnamed
        for unit in units {
            try await self.importUnit(unit, now: now, into: &report)
        }
        return report
    }

    /// Imports one unit (its files must all be present); see ``importFiles(_:now:)``.
    public func importUnit(_ unit: LocalUnit, now: Double = Date().timeIntervalSince1970) async throws -> ImportReport {
        var report = ImportReport()
        try await self.importUnit(unit, now: now, into: &report)
        return report
    }

    private func importUnit(_ unit: LocalUnit, now: Double, into report: inout ImportReport) async throws {
        let folder = unit.paths.first.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        func reject(_ reason: String, _ problems: [ImportProblem]) {
            report.rejected.append(.init(unit: unit.key, reason: reason, problems: problems))
            report.outcomes.append(.init(unit: unit.key, folder: folder, report: ImportReportRequest(outcome: .refused, problems: problems)))
        }
        guard unit.conflictingNames.isEmpty else {
            reject(
                ConflictingCopiesError(unit: unit.key, names: unit.conflictingNames).description,
                unit.conflictingNames.map { ImportProblem(code: "import.conflictingCopies", file: $0) })
            return
        }
        var documents: [(name: CarePlanFileName, document: CarePlanDocument)] = []
        var reports: [FileReport] = []
        var images: [String: [UInt8]] = [:]
        var digests: [String] = []
        for path in unit.paths {
            let fileName = (path as NSString).lastPathComponent
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            digests.append("\(fileName):\(HexDigest.sha256(bytes))")
            let (document, report) = CarePlanDocument.validateAndRead(bytes: bytes, fileName: fileName, profile: .receive)
            reports.append(report)
            if report.name?.kind == .basicUserInfoFamilyImage {
                images[fileName] = bytes
            } else if let document, let name = report.name {
                documents.append((name, document))
            }
        }
        // A unit is applied whole or not at all: one bad file, or a composition the spec does not allow, rejects it —
        // the same checks and messages as `careplan validate` and the hub.
        let errors = SendUnitValidator.errors(of: reports)
        if !errors.isEmpty {
            reject(([""] + errors.prefix(20).map(\.description)).joined(separator: "\n  "), errors.prefix(ImportReportRequest.maxProblems).map(ImportProblem.init))
            return
        }
        let fingerprint = HexDigest.sha256(Array(digests.sorted().joined(separator: "\n").utf8))
        let unitImages = images
        let changes = UnitContent.changes(documents)
        let key = unit.key
        let source = folder
        let outcome = try await self.writer.write { db -> UnitOutcome in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT fingerprint FROM importedUnit WHERE sender = ? AND recipient = ? AND timestamp = ?",
                arguments: [key.sender.description, key.recipient.description, key.timestamp.description])
            {
                return (existing["fingerprint"] as String) == fingerprint ? .duplicate : .conflict
            }
            try db.execute(
                sql: "INSERT INTO importedUnit (sender, recipient, timestamp, fingerprint, source, importedAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [key.sender.description, key.recipient.description, key.timestamp.description, fingerprint, source, now])
            let unitID = db.lastInsertedRowID
            var applied: [PlanKey] = []
            var stale: [ImportReport.Stale] = []
            for (planKey, change) in changes.sorted(by: { $0.key.description < $1.key.description }) {
                let current = try PlanVersionRow.filter(key: planKey).filter(PlanVersionRow.Columns.isCurrent == true).fetchOne(db)
                if let current, current.timestamp > key.timestamp.description {
                    stale.append(.init(unit: key, key: planKey, appliedTimestamp: current.timestamp))
                    try db.execute(
                        sql: "INSERT INTO importIssue (unitID, description, newerTimestamp) VALUES (?, ?, ?)",
                        arguments: [unitID, planKey.description, current.timestamp])
                    continue
                }
                let (action, newDocuments) = try Self.resolve(change, current: current)
                if var current {
                    current.isCurrent = false
                    try current.update(db, columns: ["isCurrent"])
                }
                var row = PlanVersionRow(
                    id: nil, family: planKey.family.rawValue, sender: planKey.sender, recipient: planKey.recipient, insurerNumber: planKey.insurerNumber,
                    insuredNumber: planKey.insuredNumber, keyDate: planKey.keyDate, timestamp: key.timestamp.description, unitID: unitID,
                    action: action.rawValue, isCurrent: true, documents: try Self.encode(newDocuments), importedAt: now)
                try row.insert(db)
                if planKey.family == .basicInfo, action == .replace {
                    for (name, bytes) in unitImages.sorted(by: { $0.key < $1.key }) {
                        try db.execute(sql: "INSERT INTO attachment (versionID, name, bytes) VALUES (?, ?, ?)", arguments: [row.id, name, Data(bytes)])
                    }
                }
                applied.append(planKey)
            }
            try db.execute(sql: "UPDATE importedUnit SET applied = ?, stale = ? WHERE id = ?", arguments: [applied.count, stale.count, unitID])
            return .imported(applied, stale)
        }
        switch outcome {
        case .duplicate:
            report.alreadyImported.append(key)
            report.outcomes.append(.init(unit: key, folder: folder, report: ImportReportRequest(outcome: .imported)))
        case .conflict:
            reject(
                "同じファイル連番で内容の異なる送信単位を取込済みです / a different unit with this ファイル連番 was already imported",
                [ImportProblem(code: "import.sequenceConflict")])
        case .imported(let applied, let stale):
            report.imported.append(key)
            report.appliedKeys += applied
            report.stale += stale
            report.outcomes.append(.init(unit: key, folder: folder, report: ImportReportRequest(outcome: .imported)))
        }
    }

    private enum UnitOutcome {
        case duplicate
        case conflict
        case imported([PlanKey], [ImportReport.Stale])
    }

    /// The new version's action and rows for a change over the current version.
    private static func resolve(_ change: PlanChange, current: PlanVersionRow?) throws -> (PlanVersion.Action, [CarePlanDocument]) {
        switch change {
        case .replace(let documents):
            return (.replace, documents)
        case .delete:
            return (.delete, [])
        case .deleteResults(let scopes):
            let existing = try current.map { try JSONDecoder().decode([CarePlanDocument].self, from: Data($0.documents.utf8)) } ?? []
            var remaining: [CarePlanDocument] = []
            for var document in existing {
                document.records.removeAll { record in
                    guard let row = record as? ServiceResultsRecord else { return false }
                    return scopes.contains { row.providerOfficeCode == $0.providerOfficeCode && row.serviceCode.hasPrefix($0.serviceTypeCode) }
                }
                if !document.records.isEmpty { remaining.append(document) }
            }
            return (remaining.isEmpty ? .delete : .partialDelete, remaining)
        }
    }

    private static func encode(_ documents: [CarePlanDocument]) throws -> String {
        let encoder = JSONEncoder()
        // Not sorted: the text is only read back by the store, and sorting keys was a visible share of an import.
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(documents), as: UTF8.self)
    }

    // MARK: - Reading

    /// Versions matching the filters, oldest first. Nil filters match everything.
    public func versions(
        family: PlanFamily? = nil, insuredNumber: String? = nil, keyDate: String? = nil, office: String? = nil, currentOnly: Bool = false
    ) async throws -> [PlanVersion] {
        try await self.writer.read { db in
            var request = PlanVersionRow.all()
            if let family { request = request.filter(PlanVersionRow.Columns.family == family.rawValue) }
            if let insuredNumber { request = request.filter(PlanVersionRow.Columns.insuredNumber == insuredNumber) }
            if let keyDate { request = request.filter(PlanVersionRow.Columns.keyDate == keyDate) }
            if let office { request = request.filter(PlanVersionRow.Columns.sender == office || PlanVersionRow.Columns.recipient == office) }
            if currentOnly { request = request.filter(PlanVersionRow.Columns.isCurrent == true) }
            let rows = try request.order(
                PlanVersionRow.Columns.insuredNumber, PlanVersionRow.Columns.family, PlanVersionRow.Columns.keyDate, PlanVersionRow.Columns.timestamp,
                PlanVersionRow.Columns.id
            ).fetchAll(db)
            return try rows.map { try $0.version(attachments: Self.attachments(db, versionID: $0.id)) }
        }
    }

    public func version(id: Int64) async throws -> PlanVersion? {
        try await self.writer.read { db in
            try PlanVersionRow.fetchOne(db, key: id).map { try $0.version(attachments: Self.attachments(db, versionID: $0.id)) }
        }
    }

    /// Every version of one key, oldest first.
    public func history(_ key: PlanKey) async throws -> [PlanVersion] {
        try await self.writer.read { db in
            try PlanVersionRow.filter(key: key).order(PlanVersionRow.Columns.timestamp, PlanVersionRow.Columns.id).fetchAll(db).map {
                try $0.version(attachments: Self.attachments(db, versionID: $0.id))
            }
        }
    }

    /// Units imported so far: (sender, recipient, ファイル連番, applied keys, stale keys).
    public func importedUnits() async throws -> [(key: String, applied: Int, stale: Int)] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT sender, recipient, timestamp, applied, stale FROM importedUnit ORDER BY timestamp, id").map { row in
                (key: "\(row["sender"] as String) → \(row["recipient"] as String) @ \(row["timestamp"] as String)", applied: row["applied"], stale: row["stale"])
            }
        }
    }

    private static func attachments(_ db: Database, versionID: Int64?) throws -> [String: [UInt8]] {
        guard let versionID else { return [:] }
        var result: [String: [UInt8]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, bytes FROM attachment WHERE versionID = ?", arguments: [versionID]) {
            result[row["name"]] = Array(row["bytes"] as Data)
        }
        return result
    }
}
