// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird

/// The exchange API: upload a send unit, list inbox and outbox, download files, acknowledge, fetch receipts.
/// Every handler checks the caller's office against the unit: an office sees only units it sent or that are addressed to it.
struct ExchangeController {
    let hub: Hub

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("units", use: self.upload)
        group.get("inbox", use: self.inbox)
        group.get("outbox", use: self.outbox)
        group.get("units/:id", use: self.show)
        group.get("units/:id/files/:name", use: self.download)
        group.post("units/:id/ack", use: self.acknowledge)
        group.get("units/:id/receipts", use: self.receipts)
    }

    // MARK: - Upload

    @Sendable func upload(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try identity.require(.send)
        let office = try identity.requireOffice()
        let (unit, files, created) = try await self.intake(request, office: office, actor: "account:\(identity.account.id)")
        // The sender is the caller's office, already loaded.
        let view = UnitView(unit, sender: office, recipient: try await self.hub.store.office(id: unit.recipientOfficeID), files: files)
        let receipt = try JSONDecoder().decode(SignedReceipt.self, from: Data(unit.acceptanceReceipt.utf8))
        return try Self.json(UploadResult(unit: view, receipt: receipt, created: created), status: created ? .created : .ok)
    }

    /// An upload of `office` (API or web): within the office's upload slots, the body read and the unit checked and
    /// stored by ``UnitIntake``; every refusal is audited.
    func intake(_ request: Request, office: Office, actor: String) async throws -> (unit: ExchangeUnit, files: [UnitFile], created: Bool) {
        try await self.hub.uploads.withSlot(for: office.id) {
            let uploads: [UploadedFile]
            do {
                uploads = try await self.readMultipart(request)
            } catch let error as HubError {
                try await UnitIntake(hub: self.hub).refused(error, office: office, actor: actor, files: 0)
                throw error
            }
            return try await UnitIntake(hub: self.hub).accept(uploads, from: office, actor: actor)
        }
    }

    /// Reads `multipart/form-data` with ``MultipartFormData`` (strict; the closing delimiter is required, so a cut
    /// body stores nothing): every part with a `filename` is a file of the unit.
    func readMultipart(_ request: Request) async throws -> [UploadedFile] {
        guard let contentType = request.headers[.contentType], let boundary = MultipartFormData.boundary(contentType: contentType) else {
            throw HubError.badRequest("upload.contentType", "multipart/form-data（boundary 付き）で送ってください / send the files as multipart/form-data with a boundary")
        }
        let limits = self.hub.configuration.limits
        let body = try await BoundedBody.collect(request, limit: limits.maxRequestBytes, timeout: limits.bodyTimeoutSeconds)
        let parts: [MultipartFormData.Part]
        do {
            // Room for a few form fields beside the files.
            let partLimits = MultipartFormData.Limits(maxParts: limits.maxFilesPerUnit + 8)
            parts = try body.withUnsafeReadableBytes { bytes throws(MultipartFormData.Failure) in
                try MultipartFormData.parse(bytes, boundary: boundary, limits: partLimits)
            }
        } catch {
            throw Self.multipartError(error, limits: limits)
        }
        return try body.withUnsafeReadableBytes { bytes in
            try parts.compactMap { part -> UploadedFile? in
                guard let name = part.filename else { return nil }
                try Self.checkFileName(name)
                return UploadedFile(name: name, bytes: Array(bytes[part.body]))
            }
        }
    }

    /// A file name is a plain name: no folders, no control characters, not `.`/`..`, at most 255 bytes.
    static func checkFileName(_ name: String) throws {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\\") else {
            throw HubError.badRequest("upload.fileName", "ファイル名にフォルダを含められません / file names must not contain folders")
        }
        guard name.utf8.count <= 255, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw HubError.badRequest("upload.fileName", "ファイル名に制御文字があるか、長すぎます / a file name has control characters or is too long")
        }
    }

    static func multipartError(_ failure: MultipartFormData.Failure, limits: HubConfiguration.Limits) -> HubError {
        var error: HubError
        switch failure {
        case .missingClosingDelimiter:
            error = HubError.badRequest(
                "upload.incomplete", "送信データが途中で切れています（multipart の終端がありません）。何も保存していません / the multipart body is incomplete (no closing delimiter); nothing was stored")
        case .tooManyParts:
            error = HubError(
                status: .contentTooLarge, code: "limit.files",
                message: "1送信単位のファイル数の上限（\(limits.maxFilesPerUnit)）を超えています / more than \(limits.maxFilesPerUnit) files in one unit")
        case .invalidBoundary:
            error = HubError.badRequest("upload.contentType", "multipart の boundary が不正です / the multipart boundary is not valid (RFC 2046)")
        case .missingFirstDelimiter, .malformedDelimiter, .malformedHeader, .missingDisposition, .invalidText, .trailingData:
            error = HubError.badRequest("upload.multipart", "multipart の形式が不正です（\(failure)） / the multipart body is malformed (\(failure))")
        }
        // The body was read whole, but a client that sends malformed framing is not one to keep talking to.
        error.headers[.connection] = "close"
        return error
    }

    // MARK: - Listings

    @Sendable func inbox(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try identity.require(.receive)
        let office = try identity.requireOffice()
        let (cursor, limit) = try Self.paging(request)
        var states: [UnitState]?
        if let text = request.uri.queryParameters.get("state") {
            states = try text.split(separator: ",").map { part in
                guard let state = UnitState(rawValue: String(part)) else {
                    throw HubError.badRequest("query.state", "state は accepted, downloaded, acknowledged, expired のいずれか / unknown state \(part)")
                }
                return state
            }
        }
        let units = try await self.hub.store.inbox(officeID: office.id, after: cursor, states: states, limit: limit + 1)
        return try await self.page(units, limit: limit)
    }

    @Sendable func outbox(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try identity.require(.send)
        let office = try identity.requireOffice()
        let (cursor, limit) = try Self.paging(request)
        let units = try await self.hub.store.outbox(officeID: office.id, after: cursor, limit: limit + 1)
        return try await self.page(units, limit: limit)
    }

    private static func paging(_ request: Request) throws -> (UnitCursor?, Int) {
        var cursor: UnitCursor?
        if let token = request.uri.queryParameters.get("cursor") {
            guard let parsed = UnitCursor(token: token) else { throw HubError.badRequest("query.cursor", "cursor が不正です / invalid cursor") }
            cursor = parsed
        }
        var limit = 100
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw HubError.badRequest("query.limit", "limit は1〜1000の整数です / limit must be a whole number from 1 to 1000")
            }
            limit = value
        }
        return (cursor, limit)
    }

    private func page(_ units: [ExchangeUnit], limit: Int) async throws -> Response {
        let shown = Array(units.prefix(limit))
        var views: [UnitView] = []
        for unit in shown { views.append(try await self.view(unit, files: try await self.hub.store.files(unitID: unit.id))) }
        let next = units.count > limit ? shown.last.map { UnitCursor(createdAt: $0.createdAt, id: $0.id).token } : nil
        return try Self.json(UnitPage(units: views, nextCursor: next))
    }

    // MARK: - One unit

    /// The unit if the caller's office sent it or receives it; otherwise 404 (whether it exists is not revealed).
    func authorizedUnit(_ context: HubRequestContext, recipientOnly: Bool = false) async throws -> (ExchangeUnit, Office, HubIdentity) {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice()
        let id = try context.parameters.require("id")
        guard let unit = try await self.hub.store.unit(id: id) else { throw HubError.notFound }
        let isRecipient = unit.recipientOfficeID == office.id
        guard isRecipient || (!recipientOnly && unit.senderOfficeID == office.id) else { throw HubError.notFound }
        // Reading an inbox unit is receiving; reading an outbox unit is sending.
        try identity.require(isRecipient ? .receive : .send)
        return (unit, office, identity)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let (unit, _, _) = try await self.authorizedUnit(context)
        return try Self.json(try await self.view(unit, files: try await self.hub.store.files(unitID: unit.id)))
    }

    @Sendable func download(request: Request, context: HubRequestContext) async throws -> Response {
        let (unit, office, identity) = try await self.authorizedUnit(context)
        return try await self.download(
            unit: unit, office: office, identity: identity, name: try context.parameters.require("name"), range: request.headers[.range])
    }

    /// The file's bytes as a download of a unit from ``authorizedUnit(_:recipientOnly:)`` (office and scope checked);
    /// a recipient's first download marks the unit 受信済. `Range: bytes=N-` (what a client sends to resume a cut
    /// transfer) answers 206 with the rest of the file.
    func download(unit: ExchangeUnit, office: Office, identity: HubIdentity, name: String, range: String? = nil) async throws -> Response {
        guard let file = try await self.hub.store.files(unitID: unit.id).first(where: { $0.name == name }) else {
            throw HubError(status: .notFound, code: "file.notFound", message: "ファイルが見つかりません / no such file in the unit")
        }
        guard unit.filesPurgedAt == nil, let sealed = try await self.hub.store.body(sha256: file.sha256) else {
            throw HubError(status: .gone, code: "file.purged", message: "保存期間を過ぎたため削除されました / the file was deleted after its retention period")
        }
        let bytes = try self.hub.cipher.open(sealed, sha256: file.sha256)
        // Stored bodies are checked on the way out too: a damaged store must not hand out wrong bytes.
        guard Digest.sha256(bytes) == file.sha256 else {
            throw HubError(status: .internalServerError, code: "file.corrupt", message: "保存データが破損しています / the stored file is damaged")
        }
        let audit = AuditRecord(actor: "account:\(identity.account.id)", office: office.officeID.description, action: "download", subject: "\(unit.id)/\(name)")
        if unit.recipientOfficeID == office.id {
            try await self.hub.store.markDownloaded(unitID: unit.id, at: self.hub.now(), audit: audit)
        } else {
            // The sender reading its own unit back: audited too, without changing the unit's state.
            var senderAudit = audit
            senderAudit.action = "download.sender"
            try await self.hub.store.appendAudit(senderAudit)
        }
        var headers = HTTPFields()
        headers[.contentType] = name.lowercased().hasSuffix(".jpg") ? "image/jpeg" : "text/csv; charset=Shift_JIS"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        headers[HTTPField.Name("X-Content-SHA256")!] = file.sha256
        headers[.acceptRanges] = "bytes"
        if let range, let start = Self.openRangeStart(range) {
            guard start < bytes.count else {
                headers[.contentRange] = "bytes */\(bytes.count)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(start)-\(bytes.count - 1)/\(bytes.count)"
            return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes[start...])))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// N of `bytes=N-`; other range forms are ignored (the whole file is sent, as RFC 9110 allows).
    static func openRangeStart(_ header: String) -> Int? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("bytes="), value.hasSuffix("-") else { return nil }
        let digits = value.dropFirst("bytes=".count).dropLast()
        // Digits only: "-1" would parse as an Int and slice before the start of the file.
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return Int(digits)
    }

    @Sendable func acknowledge(request: Request, context: HubRequestContext) async throws -> Response {
        let (unit, office, identity) = try await self.authorizedUnit(context, recipientOnly: true)
        let json = try await self.acknowledge(unit: unit, office: office, identity: identity)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// Marks a unit from ``authorizedUnit(_:recipientOnly:)`` with `recipientOnly` (so the caller receives it and holds
    /// the receive scope) 取込済, and returns the signed acknowledgement receipt (JSON); idempotent.
    func acknowledge(unit: ExchangeUnit, office: Office, identity: HubIdentity) async throws -> String {
        if let existing = unit.acknowledgementReceipt { return existing }
        guard unit.state != .expired else {
            throw HubError(status: .conflict, code: "unit.expired", message: "期限切れの送信単位は取込済にできません / an expired unit cannot be acknowledged")
        }
        let files = try await self.hub.store.files(unitID: unit.id)
        let sender = try await self.hub.store.office(id: unit.senderOfficeID)
        let now = self.hub.now()
        let payload = ReceiptPayload(
            event: "acknowledged", unitID: unit.id, sender: sender?.officeID.description ?? "", recipient: office.officeID.description, timestamp: unit.timestamp,
            files: files.map { .init(name: $0.name, sha256: $0.sha256, size: $0.size) }, time: ISO8601.string(now))
        let signer = self.hub.signer
        let stored = try await self.hub.store.acknowledge(
            unitID: unit.id, at: now, audit: AuditRecord(actor: "account:\(identity.account.id)", office: office.officeID.description, action: "ack", subject: unit.id)
        ) { try signer.receipt(payload, at: $0) }
        guard let receipt = stored?.acknowledgementReceipt else {
            // Expired between the read above and the transaction.
            throw HubError(status: .conflict, code: "unit.expired", message: "期限切れの送信単位は取込済にできません / an expired unit cannot be acknowledged")
        }
        return receipt
    }

    @Sendable func receipts(request: Request, context: HubRequestContext) async throws -> Response {
        let (unit, _, _) = try await self.authorizedUnit(context)
        var receipts = [try JSONDecoder().decode(SignedReceipt.self, from: Data(unit.acceptanceReceipt.utf8))]
        if let ack = unit.acknowledgementReceipt { receipts.append(try JSONDecoder().decode(SignedReceipt.self, from: Data(ack.utf8))) }
        return try Self.json(receipts)
    }

    // MARK: - Helpers

    func view(_ unit: ExchangeUnit, files: [UnitFile]) async throws -> UnitView {
        UnitView(
            unit, sender: try await self.hub.store.office(id: unit.senderOfficeID), recipient: try await self.hub.store.office(id: unit.recipientOfficeID),
            files: files)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: Array(try encoder.encode(value)))))
    }
}
