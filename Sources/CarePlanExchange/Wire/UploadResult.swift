// CarePlan Link — CarePlanExchange

/// The answer to an upload (`POST /api/v1/units`): the unit and the hub's signed acceptance receipt. The validation's
/// warnings are in `unit.warnings`.
public struct UploadResult: Codable, Sendable, Hashable {
    public var unit: UnitView
    public var receipt: SignedReceipt
    /// false when the identical unit had been uploaded before (nothing new was stored; the original receipt).
    public var created: Bool

    public init(unit: UnitView, receipt: SignedReceipt, created: Bool) {
        self.unit = unit
        self.receipt = receipt
        self.created = created
    }
}
