// CarePlan Link — the version before a version, and the labels of what versions did.
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Testing

@testable import CarePlanClient

@Suite("Plan history")
struct PlanHistoryTests {
    @Test("the version before is the latest earlier ファイル連番 of the same key; the first version has none")
    func versionBefore() async throws {
        let store = try ImportStore.inMemory()
        for timestamp in ["20250525180000", "20250527090000", "20250528090000"] {
            let files = try modified(sampleUnit(.monthlyPlan, users: 1, timestamp: timestamp)) { kind, records in
                // Each unit changes the plan a little, so that each becomes a version.
                guard kind == .serviceUsePlan, timestamp != "20250525180000" else { return }
                records.removeLast()
            }
            _ = try await importUnit(store, files)
        }
        let versions = try await store.versions().filter { $0.key.family == .usagePlan }
        let history = try await store.history(versions[0].key)
        #expect(history.count == 3)
        #expect(try await store.version(before: history[0]) == nil)
        #expect(try await store.version(before: history[1])?.id == history[0].id)
        #expect(try await store.version(before: history[2])?.id == history[1].id)
    }

    @Test("each action has its Japanese label")
    func actionLabels() {
        #expect(PlanVersion.Action.replace.japanese == "更新")
        #expect(PlanVersion.Action.delete.japanese == "削除")
        #expect(PlanVersion.Action.partialDelete.japanese == "一部削除")
    }
}
