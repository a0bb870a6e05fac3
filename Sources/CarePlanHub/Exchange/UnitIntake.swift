// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import Logging
import Synchronization

/// Checks an uploaded send unit completely before anything is stored — names, sender = the uploading office, one
/// unit, known recipient that the sender may address (連携先), limits, every file's content and the unit's composition — then stores it in one
/// transaction. Refusals are ``ExchangeError``s; the HTTP layer picks their status.
struct UnitIntake {
    let hub: Hub

    /// What an accepted upload gives back: the unit with its files and offices, and its signed acceptance receipt.
    struct Result: Sendable {
        let listed: ListedUnit
        let receipt: SignedReceipt
        /// false when the identical unit had been stored before (the original unit and receipt).
        let created: Bool
    }

    /// What a checked unit would be, for the web's confirmation before sending: the recipient, the combination, the
    /// months and the number of users, and the warnings it would be accepted with.
    struct Preview: Sendable {
        let recipient: Office
        let pattern: String
        let months: [String]
        /// Distinct users (保険者番号 + 被保険者番号) in the unit's rows.
        let users: Int
        let files: [UnitFile]
        let warnings: [Diagnostic]
    }

    /// Checks a unit exactly as ``accept(_:from:actor:account:)`` does, and stores nothing. A refusal is audited.
    func preview(_ uploads: [UploadedFile], from office: Office, actor: String) async throws -> Preview {
        do {
            let checked = try await self.check(uploads, from: office, account: nil)
            // Months and users are for the confirmation only: an upload does not count them.
            let months = Set(checked.reports.flatMap(\.summary.months)).sorted().map(\.description)
            var users = Set<String>()
            for report in checked.reports {
                for key in report.summary.definedKeys.union(report.summary.referencedKeys.keys) { users.insert("\(key.insurerNumber)/\(key.insuredNumber)") }
            }
            return Preview(
                recipient: checked.recipient, pattern: checked.unit.pattern, months: months, users: users.count, files: checked.files,
                warnings: checked.warnings)
        } catch let error as ExchangeError {
            try await self.refused(error, office: office, actor: actor, files: uploads.count)
            throw error
        }
    }

    /// The checked unit, ready to store.
    private struct Checked {
        let unit: ExchangeUnit
        let files: [UnitFile]
        let bodies: [String: [UInt8]]
        let recipient: Office
        /// What the acceptance receipt will say; the store adds the audit position when it signs.
        let receipt: ReceiptPayload
        let warnings: [Diagnostic]
        /// The files' validation reports.
        let reports: [FileReport]
    }

    private func check(_ uploads: [UploadedFile], from office: Office, account: String?) async throws -> Checked {
        let limits = self.hub.configuration.limits
        guard !uploads.isEmpty else { throw ExchangeError(.malformed, "unit.empty", "ファイルがありません / the upload holds no files") }
        // 利用期間: one indexed read; an office without periods is not bound by them.
        try await LicenceBook(hub: self.hub).requireSending(office)
        guard uploads.count <= limits.maxFilesPerUnit else {
            throw ExchangeError(
                .tooLarge, "limit.files",
                "1送信単位のファイル数の上限（\(limits.maxFilesPerUnit)）を超えています / more than \(limits.maxFilesPerUnit) files in one unit")
        }
        if let large = uploads.first(where: { $0.bytes.count > limits.maxFileBytes }) {
            throw ExchangeError(
                .tooLarge, "limit.fileSize",
                "ファイルサイズの上限（\(limits.maxFileBytes)バイト）を超えています: \(large.name) / \(large.name) exceeds \(limits.maxFileBytes) bytes")
        }
        var seen = Set<String>()
        var names: [CarePlanFileName] = []
        var nameErrors: [Diagnostic] = []
        for upload in uploads {
            guard seen.insert(upload.name).inserted else {
                throw ExchangeError(.malformed, "unit.duplicateFile", "同じファイル名が2回あります / the file \(upload.name) appears twice")
            }
            do {
                names.append(try CarePlanFileName(parsing: upload.name))
            } catch {
                nameErrors.append(Diagnostic(.error, .fileNameGrammar, file: upload.name, ja: error.description, en: ""))
            }
        }
        guard nameErrors.isEmpty else {
            throw ExchangeError(.invalid, "unit.invalid", "ファイル名が仕様に合いません / file names do not follow the spec", details: nameErrors)
        }
        // An office sends only as itself.
        for name in names where name.sender != office.officeID {
            throw ExchangeError(
                .forbidden, "unit.senderMismatch", "送信元（\(name.sender)）がログイン中の事業所（\(office.officeID)）と異なります / \(name.description) is not sent by your office")
        }
        let keys = Set(names.map(\.sendUnitKey))
        guard keys.count == 1, let key = keys.first else {
            throw ExchangeError(
                .malformed, "unit.mixed", "1回の送信は1つの送信単位（同じ送信先・ファイル連番）です / one upload is one send unit (same recipient and timestamp)")
        }
        guard let recipientType = key.recipient.serviceType,
            let recipient = try await self.hub.store.office(number: key.recipient.number, serviceType: recipientType)
        else {
            throw ExchangeError(
                .invalid, "unit.unknownRecipient", "送信先の事業所（\(key.recipient)）はハブに登録されていません / the recipient office is not registered")
        }
        try await PartnerBook(hub: self.hub).checkAddressable(recipient, from: office)
        let reports = uploads.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name) }
        let unitReports = SendUnitValidator.validate(reports)
        let errors = SendUnitValidator.errors(files: reports, unit: unitReports)
        guard errors.isEmpty else {
            throw ExchangeError(
                .invalid, "unit.invalid", "送信単位に\(errors.count)件のエラーがあります。何も保存していません / the unit has \(errors.count) error(s); nothing was stored",
                details: errors)
        }

        // Accepted with warnings: they travel with the unit, so that the send result and the unit page show them —
        // without their values, which may be care data and would outlive the files (and their encryption) otherwise.
        let warnings = (reports.flatMap(\.diagnostics) + unitReports.flatMap(\.diagnostics)).filter { $0.severity == .warning }.map(\.redacted)
        let unitID = UUID().uuidString.lowercased()
        var files: [UnitFile] = []
        var bodies: [String: [UInt8]] = [:]
        for (upload, name) in zip(uploads, names) {
            let digest = HexDigest.sha256(upload.bytes)
            files.append(UnitFile(unitID: unitID, name: upload.name, sha256: digest, size: upload.bytes.count, kind: name.kind.prefix))
            bodies[digest] = try self.hub.cipher.seal(upload.bytes, sha256: digest)
        }
        files.sort { $0.name < $1.name }
        let fingerprint = HexDigest.sha256(
            Array(([key.sender.description, key.recipient.description] + files.map { "\($0.name) \($0.sha256)" }).joined(separator: "\n").utf8))
        let now = self.hub.now()
        let unit = ExchangeUnit(
            id: unitID, senderOfficeID: office.id, recipientOfficeID: recipient.id, timestamp: key.timestamp.description,
            pattern: unitReports.first?.pattern ?? "", state: .accepted, fingerprint: fingerprint, createdAt: now, acceptanceReceipt: "",
            warnings: warnings.isEmpty ? nil : String(decoding: try JSONEncoder.hub.encode(warnings), as: UTF8.self))
        let payload = ReceiptPayload(
            event: "accepted", unitID: unitID, sender: key.sender.description, recipient: key.recipient.description, timestamp: key.timestamp.description,
            files: files.map { .init(name: $0.name, sha256: $0.sha256, size: $0.size) }, time: ISO8601.string(now), office: office.officeID.description,
            account: account)
        return Checked(unit: unit, files: files, bodies: bodies, recipient: recipient, receipt: payload, warnings: warnings, reports: reports)
    }

    /// Checks and stores a unit atomically; an identical unit sent before is returned as it was (`created == false`).
    /// The same ファイル連番 with other content is refused by the store's transaction (it would be imported in an
    /// undefined order at the recipient). A refused upload is audited with the reason's code (never the files'
    /// contents) and logged.
    func accept(_ uploads: [UploadedFile], from office: Office, actor: String, account: String? = nil) async throws -> Result {
        do {
            let checked = try await self.check(uploads, from: office, account: account)
            let audit = AuditRecord(actor: actor, office: office.officeID.description, action: "upload", subject: checked.unit.id)
            let signer = self.hub.signer
            let payload = checked.receipt
            // The receipt signed inside the transaction is kept as a value: the JSON is only what the store keeps.
            let signed = Mutex<SignedReceipt?>(nil)
            let stored: (unit: ExchangeUnit, created: Bool)
            do {
                stored = try await self.hub.store.storeUnit(
                    checked.unit, files: checked.files, bodies: checked.bodies, users: self.hub.userIndex.digests(of: checked.reports),
                    requiringLink: self.hub.configuration.partners.addressing == .linkedPartners, audit: audit
                ) { position in
                    let receipt = try signer.receipt(payload, at: position)
                    signed.withLock { $0 = receipt }
                    return receipt.json()
                }
            } catch HubStoreConflict.sequenceReused(let timestamp) {
                throw ExchangeError.sequenceReused(timestamp)
            } catch HubStoreConflict.notLinked {
                // The link went while the unit was checked.
                throw PartnerBook.notLinked(checked.recipient)
            }
            guard stored.created, let receipt = signed.withLock({ $0 }) else {
                // The unit sent before: its own files (the same names and digests, under its id) and its receipt.
                guard let listed = try await self.hub.store.listedUnit(id: stored.unit.id) else { throw ExchangeError.unitNotFound }
                return Result(listed: listed, receipt: try SignedReceipt(json: stored.unit.acceptanceReceipt), created: false)
            }
            return Result(listed: ListedUnit(unit: stored.unit, files: checked.files, sender: office, recipient: checked.recipient), receipt: receipt, created: true)
        } catch let error as ExchangeError {
            try await self.refused(error, office: office, actor: actor, files: uploads.count)
            throw error
        }
    }

    /// Audits and logs a refused upload.
    func refused(_ error: ExchangeError, office: Office, actor: String, files: Int) async throws {
        try await self.refused(code: error.code, problems: error.details.count, office: office, actor: actor, files: files)
    }

    /// Audits and logs an upload refused before it was read as files (a malformed body).
    func refused(code: String, problems: Int, office: Office, actor: String, files: Int) async throws {
        try await self.hub.store.appendAudit(AuditRecord(actor: actor, office: office.officeID.description, action: "upload.refused", subject: code))
        self.hub.logger.info(
            "upload refused", metadata: ["office": "\(office.officeID)", "code": "\(code)", "files": "\(files)", "problems": "\(problems)"])
    }
}
