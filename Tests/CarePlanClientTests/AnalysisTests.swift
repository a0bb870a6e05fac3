// CarePlan Link — 予定 vs 実績 reconciliation and plan diffs.
import CarePlanAnalysis
import CarePlanCSV
import Foundation
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanClient

@Suite("Reconciliation and PlanDiff")
struct AnalysisTests {
    /// The sample provider's 実績 differ from the plan in two places per user: the second Monday's 訪問介護 started
    /// 15 minutes late (10:15–10:45 instead of 10:00–10:30), and the last Thursday's visit (26 June 2025) did not happen.
    @Test("予定 vs 実績: the late visit and the missing visit, per user, and nothing else")
    func reconcileSamples() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, users: 3, timestamp: "20250525180000"))
        _ = try await importUnit(store, sampleUnit(.results, users: 3, timestamp: "20250630180000"))
        let result = try await Reconciliation.run(store: store, month: "202506")
        let users = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 3).users
        #expect(result.lines.count == 2 * users.count)
        for user in users {
            let lines = result.lines.filter { $0.insuredNumber == user.insuredNumber }
            #expect(lines.map(\.kind) == [.timeDiffers, .missing], "\(user.insuredNumber)")
            #expect(lines.first?.day == 9 && lines.first?.serviceCode == "111111")
            #expect(lines.first?.planned == "1000-1030 ×1" && lines.first?.actual == "1015-1045 ×1")
            #expect(lines.last?.day == 26 && lines.last?.serviceCode == "116211" && lines.last?.actual == "")
            #expect(lines.allSatisfy { $0.userName == user.name && $0.provider == SampleOffices.homeHelp.description })
        }
        // CSV: header + one line per difference, CRLF, the kind in both languages.
        let csvLines = result.csv.split(separator: "\r\n")
        #expect(csvLines.count == 1 + result.lines.count)
        #expect(csvLines[1].hasPrefix("時間相違,timeDiffers,"))
    }

    @Test("予定 vs 実績: a provider that sent no 実績 is listed once per user; corrected 実績 clear the differences")
    func noResultsThenCorrected() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, users: 2, timestamp: "20250525180000"))
        let before = try await Reconciliation.run(store: store, month: "202506")
        #expect(before.lines.map(\.kind) == [.noResults, .noResults])
        // The provider re-sends 実績 that match the plan exactly.
        let exact = try modified(sampleUnit(.results, users: 2, timestamp: "20250630180000")) { _, records in
            records = records.map { record in
                var row = record as! ServiceResultsRecord
                if row.serviceCode == "111111" && row.serviceDate.day == 9 {
                    row.serviceStartTime = .at(ClockTime(hour: 10, minute: 0)!)
                    row.serviceEndTime = .at(ClockTime(hour: 10, minute: 30)!)
                }
                return row
            }
        }
        _ = try await importUnit(store, exact)
        let after = try await Reconciliation.run(store: store, month: "202506")
        #expect(after.lines.map(\.kind) == [.missing, .missing], "only the visit that did not happen remains")
        #expect(after.lines.allSatisfy { $0.day == 26 })
    }

    @Test("予定 vs 実績: 実績 deleted by the provider count as not received")
    func deletedResults() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, users: 2, timestamp: "20250525180000"))
        _ = try await importUnit(store, sampleUnit(.results, users: 2, timestamp: "20250630180000"))
        _ = try await importUnit(store, sampleUnit(.resultsDeletion, users: 2, timestamp: "20250701090000"))
        let result = try await Reconciliation.run(store: store, month: "202506")
        #expect(result.lines.map(\.kind) == [.noResults, .noResults])
    }

    @Test("PlanDiff names changed goals in 第2表 and changed units in 第7表")
    func diffGoalsAndUnits() throws {
        let original = sampleUnit(.carePlan, users: 1, timestamp: "20250520180000") + sampleUnit(.monthlyPlan, users: 1, timestamp: "20250520180000")
        let changed = try modified(original) { kind, records in
            switch kind {
            case .carePlanTable2:
                var row = records[0] as! CarePlanTable2Record
                row.shortTermGoal = "毎日散歩する"
                records[0] = row
            case .serviceUseAnnex:
                if let index = records.firstIndex(where: { ($0 as! ServiceUseAnnexRecord).serviceCode == "111111" }) {
                    var row = records[index] as! ServiceUseAnnexRecord
                    row.countOrDays -= 1
                    records[index] = row
                }
            default:
                break
            }
        }
        func documents(_ files: [(name: String, bytes: [UInt8])]) throws -> [CarePlanDocument] {
            try files.map { try CarePlanDocument.read(bytes: $0.bytes, fileName: $0.name) }
        }
        let diff = PlanDiff.compare(try documents(original), try documents(changed))
        let goal = try #require(diff.changes.first { $0.table.hasPrefix("第2表") })
        #expect(goal.kind == .changed && goal.subject.hasPrefix("課題1-目標1"))
        #expect(goal.fields.map(\.name) == ["短期目標"] && goal.fields[0].after == "毎日散歩する")
        let units = try #require(diff.changes.first { $0.table.hasPrefix("第7表") })
        #expect(units.subject.contains("111111"))
        #expect(units.fields.contains { $0.name.contains("回数") })
        #expect(diff.changes.count == 2)
        #expect(PlanDiff.compare(try documents(original), try documents(original)).changes.isEmpty)
    }
}
