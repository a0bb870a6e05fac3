// CarePlan Link — CarePlanHubStore

/// A unit as listings and the unit page show it: with its files and both offices, read in one transaction.
public struct ListedUnit: Sendable, Hashable {
    public var unit: ExchangeUnit
    /// The files, by name.
    public var files: [UnitFile]
    /// 送信元事業所
    public var sender: Office
    /// 送信先事業所
    public var recipient: Office

    public init(unit: ExchangeUnit, files: [UnitFile], sender: Office, recipient: Office) {
        self.unit = unit
        self.files = files
        self.sender = sender
        self.recipient = recipient
    }

    /// The listing position just after this unit: what the next page starts from.
    public var cursor: UnitCursor { UnitCursor(createdAt: self.unit.createdAt, id: self.unit.id) }
}
