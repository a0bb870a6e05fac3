// CarePlan Link — CarePlanHub
public import CarePlanHubStore

extension Hub {
    /// Submits a send unit as `office`, through the same checks as an upload (`careplan demo` seeds its data this way).
    /// - Throws: ``ExchangeError`` when the unit is refused.
    public func submit(_ files: [(name: String, bytes: [UInt8])], from office: Office, actor: String) async throws -> ExchangeUnit {
        try await UnitIntake(hub: self).accept(files.map { UploadedFile(name: $0.name, bytes: $0.bytes) }, from: office, actor: actor).listed.unit
    }
}
