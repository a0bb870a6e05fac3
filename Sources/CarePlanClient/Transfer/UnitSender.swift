// CarePlan Link — CarePlanClient
public import CarePlanExchange
import CarePlanCSV
import Foundation

/// Sends local units: validates each with CarePlanCSV, uploads it, and saves the hub's signed receipt beside the files.
public struct UnitSender: Sendable {
    public let client: HubClient

    public init(client: HubClient) {
        self.client = client
    }

    /// Validates and sends one unit; returns the hub's answer after saving the receipt durably.
    /// - Throws: ``LocalValidationError`` (nothing sent), or ``HubClientError``.
    public func send(_ unit: LocalUnit) async throws -> UploadResult {
        guard unit.conflictingNames.isEmpty else { throw ConflictingCopiesError(unit: unit.key, names: unit.conflictingNames) }
        var files: [(name: String, bytes: [UInt8])] = []
        var reports: [FileReport] = []
        for path in unit.paths {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let name = (path as NSString).lastPathComponent
            files.append((name, bytes))
            reports.append(FileValidator.validate(bytes: bytes, fileName: name))
        }
        let errors = SendUnitValidator.errors(of: reports)
        guard errors.isEmpty else { throw LocalValidationError(unit: unit.key, diagnostics: errors) }
        let result = try await self.client.send(files)
        try DurableFile.store(Array(result.receipt.json(escapingSlashes: false).utf8), at: unit.receiptPath)
        return result
    }
}
