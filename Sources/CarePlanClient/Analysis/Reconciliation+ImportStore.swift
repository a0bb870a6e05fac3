// CarePlan Link — CarePlanClient
public import CarePlanAnalysis

extension Reconciliation {
    /// Reconciles the current versions in `store` for `month` (YYYYMM).
    public static func run(store: ImportStore, month: String) async throws -> Reconciliation {
        let plans = try await store.versions(family: .usagePlan, keyDate: month, currentOnly: true).filter { $0.action != .delete }
        let results = try await store.versions(family: .results, keyDate: month, currentOnly: true).filter { $0.action != .delete }
        return Self.compare(month: month, plans: plans.map(\.rows), results: results.map(\.rows))
    }
}

extension PlanVersion {
    /// The version's rows, as ``Reconciliation`` compares them.
    public var rows: PlanRows {
        PlanRows(
            sender: self.key.sender, recipient: self.key.recipient, insurerNumber: self.key.insurerNumber, insuredNumber: self.key.insuredNumber,
            documents: self.documents)
    }
}
