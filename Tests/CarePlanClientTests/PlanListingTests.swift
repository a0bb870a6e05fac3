// CarePlan Link — plan versions and fetch progress as people see them.
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import Testing

@testable import CarePlanClient

@Suite("Plan listings and progress")
struct PlanListingTests {
    @Test("a version's row and listing: key, state, item names of non-empty items, current marker")
    func listing() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000"))
        let version = try #require(try await store.versions(currentOnly: true).first { $0.key.family == .usagePlan })
        let row = version.tableRow.split(separator: "\t", omittingEmptySubsequences: false)
        #expect(row.count == PlanVersion.tableHeader.split(separator: "\t").count)
        #expect(row[1] == "●" && row[6] == "20250525180000" && row[8] == "更新")
        let lines = version.listing.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "\(version.key)")
        #expect(lines[1] == "ファイル連番 20250525180000  更新  現行 / current")
        #expect(lines.contains { $0.hasPrefix("■ ") && $0.contains(".CSV") })
        #expect(lines.contains { $0.hasPrefix("  No.") && $0.contains("被保険者番号: ") })
        #expect(!lines.contains { $0.hasSuffix(": ") })
    }

    @Test("the progress bar fills by bytes and redraws in place")
    func progressBar() {
        let half = InboxFetcher.Progress(unitsDone: 1, unitsTotal: 2, bytesDone: 1_500_000, bytesTotal: 3_000_000)
        #expect(half.bar == "\r[" + String(repeating: "#", count: 15) + String(repeating: "-", count: 15) + "] 1/2 units 1.5/3.0 MB")
        let empty = InboxFetcher.Progress(unitsDone: 0, unitsTotal: 0, bytesDone: 0, bytesTotal: 0)
        #expect(empty.bar.hasPrefix("\r[" + String(repeating: "#", count: 30) + "]"))
    }
}
