// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird
import HTTPTypes

/// Reads an upload from a request (the API's `POST /api/v1/units` and the web page's send form): within the office's
/// upload slots, the body read within its bounds and parsed with ``MultipartFormData`` (strict; the closing delimiter
/// is required, so a cut body stores nothing), then handed to ``UnitIntake``. Every refusal is audited.
struct UploadReader {
    let hub: Hub

    func receive(_ request: Request, office: Office, actor: String) async throws -> UnitIntake.Result {
        let intake = UnitIntake(hub: self.hub)
        return try await self.hub.uploads.withSlot(for: office.id) {
            let uploads: [UploadedFile]
            do {
                uploads = try await self.files(of: request)
            } catch let error as HubError {
                try await intake.refused(code: error.code, problems: 0, office: office, actor: actor, files: 0)
                throw error
            }
            return try await intake.accept(uploads, from: office, actor: actor)
        }
    }

    /// Every part with a `filename` is a file of the unit.
    private func files(of request: Request) async throws -> [UploadedFile] {
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
}
