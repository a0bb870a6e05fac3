// CarePlan Link — CarePlanCSV

extension SampleFactory {
    /// The same factory for the `index`-th unit written together: its ファイル連番 seconds become `index % 60`, so that
    /// the units of one folder stay apart (up to 60 of them).
    public func numbered(_ index: Int) -> SampleFactory {
        var factory = self
        factory.timestamp = FileTimestamp(String(self.timestamp.description.prefix(12)) + ASCIIDigits.padded(index % 60, width: 2))!
        return factory
    }
}
