// CarePlan Link — CarePlanCSV

extension OfficeID {
    /// Reads an office as people write it: `事業所番号_サービス種類` (e.g. `1310100012_43`), the 4.1 file-name form:
    /// 10 ASCII digits, `_`, and a サービス種類コード of the spec's code table. Nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 10, parts[0].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            ServiceType.named(String(parts[1])) != nil
        else { return nil }
        self.init(number: String(parts[0]), serviceType: String(parts[1]))
    }
}
