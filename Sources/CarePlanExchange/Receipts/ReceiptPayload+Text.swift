// CarePlan Link — CarePlanExchange

extension ReceiptPayload {
    /// What a verified receipt vouches for, as `careplan receipt verify` prints it: the event, then one line per file.
    public var lines: [String] {
        ["有効な受領証です / valid receipt: \(self.event) \(self.unitID) \(self.sender) → \(self.recipient) @ \(self.time)"]
            + self.files.map { "  \($0.name)  \($0.size) bytes  sha256 \($0.sha256)" }
    }
}
