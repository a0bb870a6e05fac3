// CarePlan Link — CarePlanHub
import CarePlanExchange

extension AuditVerifier.Report {
    /// The report as `careplan audit verify` prints it: one `NG` line per problem, then the verdict.
    public var lines: [String] {
        let head = self.head.map { "sequence \($0.sequence)" } ?? "empty"
        let problems = self.breaks.map { "NG \($0)" } + self.anchorProblems.map { "NG \($0)" }
        guard self.isIntact else {
            return problems + ["監査ログに問題があります（\(self.entries)件、\(head)） / the audit log is NOT intact (\(self.entries) entries, \(head))"]
        }
        return [
            "監査ログは完全です（\(self.entries)件、署名済みの点 \(self.anchorsChecked)件と一致） / audit log intact (\(self.entries) entries, \(head); \(self.anchorsChecked) signed points match)"
        ]
    }
}
