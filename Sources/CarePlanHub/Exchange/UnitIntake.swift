// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation
import HTTPTypes
import Logging
import NIOCore

/// One uploaded file.
struct UploadedFile: Sendable {
    let name: String
    let bytes: [UInt8]
}

/// Checks an uploaded send unit completely before anything is stored: names, sender = the uploading office, one unit,
/// known recipient, limits, every file's content and the unit's composition.
struct UnitIntake {
    let hub: Hub

    /// The accepted unit, ready to store.
    struct Accepted {
        let unit: ExchangeUnit
        let files: [UnitFile]
        let bodies: [String: [UInt8]]
        /// What the acceptance receipt will say; the store adds the audit position when it signs.
        let receipt: ReceiptPayload
    }

    func check(_ uploads: [UploadedFile], from office: Office) async throws -> Accepted {
        let limits = self.hub.configuration.limits
        guard !uploads.isEmpty else { throw HubError.badRequest("unit.empty", "ファイルがありません / the upload holds no files") }
        guard uploads.count <= limits.maxFilesPerUnit else {
            throw HubError(status: .contentTooLarge, code: "limit.files", message: "1送信単位のファイル数の上限（\(limits.maxFilesPerUnit)）を超えています / more than \(limits.maxFilesPerUnit) files in one unit")
        }
        if let large = uploads.first(where: { $0.bytes.count > limits.maxFileBytes }) {
            throw HubError(status: .contentTooLarge, code: "limit.fileSize", message: "ファイルサイズの上限（\(limits.maxFileBytes)バイト）を超えています: \(large.name) / \(large.name) exceeds \(limits.maxFileBytes) bytes")
        }
        var seen = Set<String>()
        var names: [CarePlanFileName] = []
        var nameErrors: [Diagnostic] = []
        for upload in uploads {
            guard seen.insert(upload.name).inserted else {
                throw HubError.badRequest("unit.duplicateFile", "同じファイル名が2回あります / the file \(upload.name) appears twice")
            }
            do {
                names.append(try CarePlanFileName(parsing: upload.name))
            } catch {
                nameErrors.append(Diagnostic(.error, .fileNameGrammar, file: upload.name, ja: error.description, en: ""))
            }
        }
        guard nameErrors.isEmpty else {
            throw HubError(status: .unprocessableContent, code: "unit.invalid", message: "ファイル名が仕様に合いません / file names do not follow the spec", details: nameErrors)
        }
        // An office sends only as itself.
        for name in names where name.sender != office.officeID {
            throw HubError.forbidden("unit.senderMismatch", "送信元（\(name.sender)）がログイン中の事業所（\(office.officeID)）と異なります / \(name.description) is not sent by your office")
        }
        let keys = Set(names.map(\.sendUnitKey))
        guard keys.count == 1, let key = keys.first else {
            throw HubError.badRequest("unit.mixed", "1回の送信は1つの送信単位（同じ送信先・ファイル連番）です / one upload is one send unit (same recipient and timestamp)")
        }
        guard let recipientType = key.recipient.serviceType,
            let recipient = try await self.hub.store.office(number: key.recipient.number, serviceType: recipientType)
        else {
            throw HubError(status: .unprocessableContent, code: "unit.unknownRecipient", message: "送信先の事業所（\(key.recipient)）はハブに登録されていません / the recipient office is not registered")
        }
        let reports = uploads.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name) }
        let unitReports = SendUnitValidator.validate(reports)
        let errors = (reports.flatMap(\.diagnostics) + unitReports.flatMap(\.diagnostics)).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw HubError(status: .unprocessableContent, code: "unit.invalid", message: "送信単位に\(errors.count)件のエラーがあります。何も保存していません / the unit has \(errors.count) error(s); nothing was stored", details: errors)
        }

        let unitID = UUID().uuidString.lowercased()
        var files: [UnitFile] = []
        var bodies: [String: [UInt8]] = [:]
        for (upload, name) in zip(uploads, names) {
            let digest = Digest.sha256(upload.bytes)
            files.append(UnitFile(unitID: unitID, name: upload.name, sha256: digest, size: upload.bytes.count, kind: name.kind.prefix))
            bodies[digest] = try self.hub.cipher.seal(upload.bytes, sha256: digest)
        }
        files.sort { $0.name < $1.name }
        let fingerprint = Digest.sha256(Array(([key.sender.description, key.recipient.description] + files.map { "\($0.name) \($0.sha256)" }).joined(separator: "\n").utf8))
        // The same ファイル連番 with other content would be imported in an undefined order at the recipient.
        if let existing = try await self.hub.store.unit(senderOfficeID: office.id, recipientOfficeID: recipient.id, timestamp: key.timestamp.description),
            existing.fingerprint != fingerprint
        {
            throw HubError(
                status: .conflict, code: "unit.sequenceReused",
                message: "このファイル連番（\(key.timestamp)）は別の内容で送信済みです。新しい連番で送ってください / ファイル連番 \(key.timestamp) was already used for a different unit; send with a new one")
        }
        let now = self.hub.now()
        let unit = ExchangeUnit(
            id: unitID, senderOfficeID: office.id, recipientOfficeID: recipient.id, timestamp: key.timestamp.description, pattern: unitReports.first?.pattern ?? "",
            state: .accepted, fingerprint: fingerprint, createdAt: now, acceptanceReceipt: "")
        let payload = ReceiptPayload(
            event: "accepted", unitID: unitID, sender: key.sender.description, recipient: key.recipient.description, timestamp: key.timestamp.description,
            files: files.map { .init(name: $0.name, sha256: $0.sha256, size: $0.size) }, time: ISO8601.string(now))
        return Accepted(unit: unit, files: files, bodies: bodies, receipt: payload)
    }

    /// Checks and stores a unit atomically; an identical unit sent before is returned as it was (`created == false`).
    /// A refused upload is audited with the reason's code (never the files' contents) and logged.
    func accept(_ uploads: [UploadedFile], from office: Office, actor: String) async throws -> (unit: ExchangeUnit, files: [UnitFile], created: Bool) {
        do {
            let accepted = try await self.check(uploads, from: office)
            let audit = AuditRecord(actor: actor, office: office.officeID.description, action: "upload", subject: accepted.unit.id)
            let signer = self.hub.signer
            let payload = accepted.receipt
            do {
                let (unit, created) = try await self.hub.store.storeUnit(accepted.unit, files: accepted.files, bodies: accepted.bodies, audit: audit) {
                    try signer.receipt(payload, at: $0)
                }
                return (unit, created ? accepted.files : try await self.hub.store.files(unitID: unit.id), created)
            } catch HubStoreConflict.sequenceReused(let timestamp) {
                throw HubError(
                    status: .conflict, code: "unit.sequenceReused",
                    message: "このファイル連番（\(timestamp)）は別の内容で送信済みです / ファイル連番 \(timestamp) was already used for a different unit")
            }
        } catch let error as HubError {
            try await self.refused(error, office: office, actor: actor, files: uploads.count)
            throw error
        }
    }

    /// Audits and logs a refused upload.
    func refused(_ error: HubError, office: Office, actor: String, files: Int) async throws {
        try await self.hub.store.appendAudit(
            AuditRecord(actor: actor, office: office.officeID.description, action: "upload.refused", subject: "\(error.status.code) \(error.code)"))
        self.hub.logger.info(
            "upload refused",
            metadata: ["office": "\(office.officeID)", "status": "\(error.status.code)", "code": "\(error.code)", "files": "\(files)", "problems": "\(error.details.count)"])
    }
}

extension Hub {
    /// Submits a send unit as `office`, through the same checks as an upload (`careplan demo` seeds its data this way).
    public func submit(_ files: [(name: String, bytes: [UInt8])], from office: Office, actor: String) async throws -> ExchangeUnit {
        try await UnitIntake(hub: self).accept(files.map { UploadedFile(name: $0.name, bytes: $0.bytes) }, from: office, actor: actor).unit
    }
}

enum ISO8601 {
    /// A Sendable format style made once (creating a formatter per call cost about 10% of an upload).
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ seconds: Double) -> String { Self.style.format(Date(timeIntervalSince1970: seconds)) }
}
