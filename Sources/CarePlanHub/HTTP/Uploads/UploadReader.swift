// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird
import HTTPTypes

/// Reads an upload from a request (the API's `POST /api/v1/units` and the web page's send form): within the office's
/// upload slots, the body read within its bounds and parsed with ``MultipartFormData`` (strict; the closing delimiter
/// is required, so a cut body stores nothing), then handed to ``UnitIntake``. Every refusal is audited.
struct UploadReader {
    let hub: Hub

    /// The files and the small text fields of an upload form.
    struct Form: Sendable {
        var files: [UploadedFile]
        var fields: [(name: String, value: String)]

        func values(_ name: String) -> [String] { self.fields.filter { $0.name == name }.map(\.value) }
    }

    /// Reads an upload and hands it to the intake, within the office's upload slots.
    func receive(_ request: Request, office: Office, actor: String, account: String?) async throws -> UnitIntake.Result {
        try await self.hub.uploads.withSlot(for: office.id) {
            let form = try await self.read(request, office: office, actor: actor)
            return try await UnitIntake(hub: self.hub).accept(form.files, from: office, actor: actor, account: account)
        }
    }

    /// Reads the form of an upload (call within an upload slot); a malformed body is audited as a refused upload.
    /// `batch`: a month's export, up to `limits.maxFilesPerBatch` files.
    func read(_ request: Request, office: Office, actor: String, batch: Bool = false) async throws -> Form {
        do {
            return try await self.form(
                of: request, maxFiles: batch ? self.hub.configuration.limits.maxFilesPerBatch : self.hub.configuration.limits.maxFilesPerUnit, folders: batch)
        } catch let error as HubError {
            try await UnitIntake(hub: self.hub).refused(code: error.code, problems: 0, office: office, actor: actor, files: 0)
            throw error
        }
    }

    /// Every part with a `filename` is a file of the unit; the others are text fields.
    /// `folders`: a browser's folder upload names files by their path in the folder (`export/UPPLAN_….CSV`); the
    /// name is the last component, and hidden files (`.DS_Store`) and receipts beside the files are left out.
    private func form(of request: Request, maxFiles: Int, folders: Bool) async throws -> Form {
        guard let contentType = request.headers[.contentType], let boundary = MultipartFormData.boundary(contentType: contentType) else {
            throw HubError.badRequest("upload.contentType", "multipart/form-data（boundary 付き）で送ってください / send the files as multipart/form-data with a boundary")
        }
        let limits = self.hub.configuration.limits
        let body = try await BoundedBody.collect(request, limit: limits.maxRequestBytes, timeout: limits.bodyTimeoutSeconds)
        let parts: [MultipartFormData.Part]
        do {
            // Room for a few form fields beside the files (and, on the web's confirmation, one field per file).
            let partLimits = MultipartFormData.Limits(maxParts: 2 * maxFiles + 8)
            parts = try body.withUnsafeReadableBytes { bytes throws(MultipartFormData.Failure) in
                try MultipartFormData.parse(bytes, boundary: boundary, limits: partLimits)
            }
        } catch {
            throw Self.multipartError(error, limits: limits, maxFiles: maxFiles)
        }
        return try body.withUnsafeReadableBytes { bytes in
            var form = Form(files: [], fields: [])
            for part in parts {
                if var name = part.filename {
                    // An empty file input of the form (the other one was used).
                    if folders && name.isEmpty { continue }
                    if folders, let last = name.split(separator: "/").last {
                        name = String(last)
                        if name.hasPrefix(".") || name.hasSuffix(".receipt.json") { continue }
                    }
                    try Self.checkFileName(name)
                    form.files.append(UploadedFile(name: name, bytes: Array(bytes[part.body])))
                } else {
                    form.fields.append((part.name, String(decoding: bytes[part.body], as: UTF8.self)))
                }
            }
            return form
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

    static func multipartError(_ failure: MultipartFormData.Failure, limits: HubConfiguration.Limits, maxFiles: Int? = nil) -> HubError {
        let maxFiles = maxFiles ?? limits.maxFilesPerUnit
        var error: HubError
        switch failure {
        case .missingClosingDelimiter:
            error = HubError.badRequest(
                "upload.incomplete", "送信データが途中で切れています（multipart の終端がありません）。何も保存していません / the multipart body is incomplete (no closing delimiter); nothing was stored")
        case .tooManyParts:
            error = HubError(
                status: .contentTooLarge, code: "limit.files",
                message: "一度に送れるファイル数の上限（\(maxFiles)）を超えています / more than \(maxFiles) files in one upload")
        case .invalidBoundary:
            error = HubError.badRequest("upload.contentType", "multipart の boundary が不正です / the multipart boundary is not valid (RFC 2046)")
        case .missingFirstDelimiter, .malformedDelimiter, .malformedHeader, .missingDisposition, .invalidText, .trailingData:
            error = HubError.badRequest("upload.multipart", "multipart の形式が不正です（\(failure)） / the multipart body is malformed (\(failure))")
        }
        // The body was read whole, but a client that sends malformed framing is not one to keep talking to.
        error.headers[.connection] = "close"
        return error
    }
}
