// CarePlan Link — two offices exchange plans and results through a live hub, import on both sides, and compare.
import CarePlanAnalysis
import CarePlanCSV
import Foundation
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanClient

@Suite("End to end: care manager ⇄ hub ⇄ provider")
struct EndToEndTests {
    @Test("plans out, results back, an updated plan, imports on both sides, diff and 予定 vs 実績")
    func exchange() async throws {
        try await LiveHub.with { live in
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken)
            let careManagerOut = try temporaryFolder()
            let careManagerIn = try temporaryFolder()
            let providerIn = try temporaryFolder()
            let providerOut = try temporaryFolder()
            let careManagerStore = try ImportStore(path: try temporaryFolder() + "/cm.sqlite")
            let providerStore = try ImportStore(path: try temporaryFolder() + "/provider.sqlite")

            // 1. The care manager sends the plan (①) and the June 利用票 (②); receipts are saved beside the files.
            let planFiles = try write(sampleUnit(.carePlan, users: 2, timestamp: "20250520180000"), to: careManagerOut)
                + write(sampleUnit(.monthlyPlan, users: 2, timestamp: "20250525180000"), to: careManagerOut)
            let (units, _) = LocalUnit.group(planFiles)
            #expect(units.count == 2)
            for unit in units { _ = try await UnitSender(client: careManager).send(unit) }
            #expect(units.allSatisfy { FileManager.default.fileExists(atPath: $0.receiptPath) })

            // 2. The provider fetches and imports: the plan and the 利用票 of both users.
            _ = try await InboxFetcher(client: provider, folder: providerIn).fetch()
            let providerImport = try await providerStore.importFiles(collect(providerIn))
            #expect(providerImport.imported.count == 2 && providerImport.stale.isEmpty)
            let received = try await providerStore.versions(currentOnly: true)
            #expect(received.filter { $0.key.family == .carePlan }.count == 2)
            #expect(received.filter { $0.key.family == .usagePlan }.count == 2)
            #expect(received.allSatisfy { $0.key.sender == SampleOffices.careManager.description && $0.key.recipient == SampleOffices.homeHelp.description })

            // 3. The provider sends its 実績 back; the care manager fetches them and imports them with its own sent files.
            let results = try write(sampleUnit(.results, users: 2, timestamp: "20250630180000"), to: providerOut)
            _ = try await UnitSender(client: provider).send(LocalUnit.group(results).units[0])
            _ = try await InboxFetcher(client: careManager, folder: careManagerIn).fetch()
            let careManagerImport = try await careManagerStore.importFiles(collect(careManagerOut) + collect(careManagerIn))
            #expect(careManagerImport.imported.count == 3)
            let reconciliation = try await Reconciliation.run(store: careManagerStore, month: "202506")
            #expect(reconciliation.lines.map(\.kind) == [.timeDiffers, .missing, .timeDiffers, .missing])

            // 4. The care manager corrects the 利用票 (no visit on 30 June); the provider sees a second version and the diff.
            let corrected = try modified(sampleUnit(.monthlyPlan, users: 2, timestamp: "20250527120000")) { kind, records in
                guard kind == .serviceUsePlan else { return }
                records.removeAll { ($0 as! ServiceUsePlanRecord).serviceCode == "111111" && ($0 as! ServiceUsePlanRecord).serviceDate.day == 30 }
            }
            _ = try await careManager.send(corrected)
            _ = try await InboxFetcher(client: provider, folder: providerIn).fetch()
            let second = try await providerStore.importFiles(collect(providerIn))
            #expect(second.imported.count == 1 && second.alreadyImported.count == 2)
            let user = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2).users[0]
            let history = try await providerStore.versions(family: .usagePlan, insuredNumber: user.insuredNumber, keyDate: "202506")
            #expect(history.map(\.timestamp) == ["20250525180000", "20250527120000"])
            let diff = PlanDiff.compare(history[0].documents, history[1].documents)
            #expect(diff.changes.map(\.description) == ["[変更] 第6表 サービス利用票（予定） 事業所1310100021 サービスコード111111 10:00–10:30\n    なくなった日: 30 → （なし）"])
            for client in [careManager, provider] { try await client.shutdown() }
        }
    }
}

/// The spec files under a folder (recursive, hidden work folders skipped).
func collect(_ folder: String) -> [String] {
    LocalUnit.specFiles(under: folder)
}
