// CarePlan Link — CarePlanCSV

extension SampleFactory {
    /// The same factory for the `index`-th unit written together: its ファイル連番 seconds become `index % 60`, so that
    /// the units of one folder stay apart (up to 60 of them).
    public func numbered(_ index: Int) -> SampleFactory {
        var factory = self
        factory.timestamp = FileTimestamp(String(self.timestamp.description.prefix(12)) + ASCIIDigits.padded(index % 60, width: 2))!
        return factory
    }

    /// The files of several units written into one folder: each pattern once (the first time it is named), the
    /// `index`-th unit ``numbered(_:)`` so that their ファイル連番 differ.
    public func files(for patterns: [SamplePattern]) -> [SampleFile] {
        var seen = Set<SamplePattern>()
        return patterns.enumerated().filter { seen.insert($0.element).inserted }.flatMap { self.numbered($0.offset).files(for: $0.element) }
    }
}
