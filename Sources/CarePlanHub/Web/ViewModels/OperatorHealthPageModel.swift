// CarePlan Link — CarePlanHub
import CarePlanExchange
import CarePlanHubStore
import Foundation

/// `operator-health.mustache`: 稼働状況: the store's durability, the hub's totals, the audit log's head and, on
/// request, its verification.
struct OperatorHealthPageModel: Sendable {
    struct Fact: Sendable {
        let label: String
        let value: String
        let alert: Bool
    }

    let hubOperator = PageText.pick("ハブの運用者", "Hub operator")
    let title = PageText.pick("稼働状況", "Hub health")
    let facts: [Fact]
    let units: [Fact]
    let verification: [String]?
    let hasVerification: Bool
    let intact: Bool

    init(counts: HubCounts, durability: [String: String], now: Double, startedAt: Double, report: AuditVerifier.Report? = nil) {
        let grouped = { (value: Int) in RegionPageModel.grouped(value) }
        let megabytes = Double(counts.databaseBytes) / 1_048_576
        self.facts = [
            Fact(label: PageText.pick("現在時刻（日本時間）", "Now (Japan time)"), value: JapanTime.string(now), alert: false),
            Fact(label: PageText.pick("起動", "Started"), value: JapanTime.string(startedAt), alert: false),
            Fact(
                label: PageText.pick("データベースの書き込み", "Database commits"),
                value: durability.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "),
                alert: durability["synchronous"] != "full" && durability["synchronous"] != "extra"),
            Fact(label: PageText.pick("データベースの大きさ（WALを除く）", "Database size (without the WAL)"), value: String(format: "%.1f MB", megabytes), alert: false),
            Fact(label: PageText.pick("保存しているファイル（暗号化）", "Stored files (encrypted)"), value: grouped(counts.bodies), alert: false),
            Fact(label: PageText.pick("事業所", "Offices"), value: grouped(counts.offices), alert: false),
            Fact(label: PageText.pick("アカウント", "Accounts"), value: grouped(counts.accounts), alert: false),
            Fact(label: PageText.pick("審査中の利用申請", "Applications pending"), value: grouped(counts.pendingApplications), alert: false),
            Fact(label: PageText.pick("送信待ちの通知メール", "Mails waiting"), value: grouped(counts.mailsWaiting), alert: false),
            Fact(label: PageText.pick("送れなかった通知メール", "Mails given up"), value: grouped(counts.mailsFailed), alert: counts.mailsFailed > 0),
            Fact(
                label: PageText.pick("監査ログの最新", "Audit log head"),
                value: counts.auditHead.map { "#\($0.sequence) \(JapanTime.string(counts.auditHeadTime ?? 0)) \($0.hash.prefix(16))…" } ?? "—", alert: false),
        ]
        self.units = UnitState.allCases.map { state in
            Fact(label: state.pageLabel, value: grouped(counts.unitsByState[state.rawValue] ?? 0), alert: false)
        }
        self.verification = report.map { report in
            var lines = [
                PageText.pick("読んだ記録：\(report.entries)件", "Entries read: \(report.entries)"),
                PageText.pick("確認した署名点：\(report.anchorsChecked)", "Signed points checked: \(report.anchorsChecked)"),
            ]
            lines += report.breaks.map { PageText.pick("連鎖の切れ目：#\($0.sequence)", "Chain break at #\($0.sequence)") }
            lines += report.anchorProblems.map(PageText.side)
            return lines
        }
        self.hasVerification = report != nil
        self.intact = report?.isIntact ?? true
    }
}
