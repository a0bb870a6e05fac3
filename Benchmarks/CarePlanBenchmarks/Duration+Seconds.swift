// CarePlan Link — careplan-bench
extension Duration {
    /// The duration as floating-point seconds, for rates.
    var seconds: Double { Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18 }
}
