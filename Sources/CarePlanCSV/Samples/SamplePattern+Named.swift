// CarePlan Link — CarePlanCSV

extension SamplePattern {
    /// A pattern by its name (`monthly-plan`), or the unit that contains a file kind given by its prefix (`upplan`,
    /// case-insensitive), as `careplan sample` takes them. Nil for anything else.
    public init?(patternOrKind text: String) {
        if let pattern = SamplePattern(rawValue: text) {
            self = pattern
        } else if let kind = FileKind(rawValue: text.uppercased()) {
            self = SamplePattern.containing(kind)
        } else {
            return nil
        }
    }
}
