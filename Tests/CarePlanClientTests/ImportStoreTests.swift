// CarePlan Link — the local import store: sequence order, replacement by key, delete cascades, stale units, history.
import CarePlanAnalysis
import CarePlanCSV
import Foundation
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanClient

/// A unit's files with their records changed (the file is rewritten in the current CSV version).
func modified(
    _ files: [(name: String, bytes: [UInt8])], _ transform: (FileKind, inout [any CarePlanRecord]) -> Void
) throws -> [(name: String, bytes: [UInt8])] {
    try files.map { file in
        var document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
        transform(document.kind, &document.records)
        return (file.name, try document.write().bytes)
    }
}

/// Imports unit files from a fresh folder.
func importUnit(_ store: ImportStore, _ files: [(name: String, bytes: [UInt8])]) async throws -> ImportReport {
    try await store.importFiles(try write(files, to: try temporaryFolder()))
}

@Suite("ImportStore")
struct ImportStoreTests {
    let june = YearMonth(year: 2025, month: 6)!

    @Test("units are applied in ファイル連番 order; an older unit arriving later is reported and not applied")
    func sequenceOrder() async throws {
        let store = try ImportStore.inMemory()
        let older = sampleUnit(.monthlyPlan, timestamp: "20250525180000")
        // The newer plan drops user 1's visits on the 30th.
        let newer = try modified(sampleUnit(.monthlyPlan, timestamp: "20250527090000")) { kind, records in
            guard kind == .serviceUsePlan else { return }
            records.removeAll { ($0 as! ServiceUsePlanRecord).serviceDate.day == 30 }
        }
        let first = try await importUnit(store, newer)
        #expect(first.imported.count == 1 && first.appliedKeys.count == 2)  // two users' 利用票
        let late = try await importUnit(store, older)
        #expect(late.imported.count == 1 && late.appliedKeys.isEmpty)
        #expect(late.stale.count == 2)
        #expect(late.stale.allSatisfy { $0.appliedTimestamp == "20250527090000" })
        let current = try await store.versions(family: .usagePlan, currentOnly: true)
        #expect(current.count == 2 && current.allSatisfy { $0.timestamp == "20250527090000" })
        #expect(current.allSatisfy { $0.records(ServiceUsePlanRecord.self).allSatisfy { $0.serviceDate.day != 30 } })
    }

    @Test("in order, each unit becomes a new version; the history keeps both and the diff names the removed day")
    func historyAndDiff() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000"))
        _ = try await importUnit(
            store,
            try modified(sampleUnit(.monthlyPlan, users: 1, timestamp: "20250527090000")) { kind, records in
                guard kind == .serviceUsePlan else { return }
                records.removeAll { ($0 as! ServiceUsePlanRecord).serviceCode == "111111" && ($0 as! ServiceUsePlanRecord).serviceDate.day == 30 }
            })
        let versions = try await store.versions(family: .usagePlan)
        #expect(versions.map(\.timestamp) == ["20250525180000", "20250527090000"])
        #expect(versions.map(\.isCurrent) == [false, true])
        let diff = PlanDiff.compare(versions[0].documents, versions[1].documents)
        #expect(diff.changes.count == 1)
        let change = try #require(diff.changes.first)
        #expect(change.kind == .changed && change.subject.contains("111111"))
        #expect(change.fields == [PlanDiff.FieldChange(name: "なくなった日", before: "30", after: "")])
    }

    @Test("a repeated unit is skipped; a different unit reusing the ファイル連番 is rejected")
    func repeatedUnits() async throws {
        let store = try ImportStore.inMemory()
        let unit = sampleUnit(.carePlan, timestamp: "20250520180000")
        _ = try await importUnit(store, unit)
        let again = try await importUnit(store, unit)
        #expect(again.alreadyImported.count == 1 && again.imported.isEmpty)
        let other = try modified(unit) { kind, records in
            guard kind == .carePlanTable1 else { return }
            var row = records[0] as! CarePlanTable1Record
            row.planCreatorName = "別人"
            records[0] = row
        }
        let conflict = try await importUnit(store, other)
        #expect(conflict.rejected.count == 1 && conflict.imported.isEmpty)
        #expect(try await store.versions(family: .carePlan).count == 2)  // two users, one version each
    }

    @Test("第1表 delete removes the plan with its 第2・3表 and 補足; an older update cannot bring it back")
    func carePlanDeleteCascade() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.carePlan, timestamp: "20250520180000"))
        let before = try await store.versions(family: .carePlan, currentOnly: true)
        #expect(Set(before.flatMap { $0.documents.map(\.kind) }) == [.carePlanTable1, .carePlanTable2, .weeklyScheduleTable3, .supplementaryUserInfo])
        let deletion = try await importUnit(store, sampleUnit(.carePlanDeletion, timestamp: "20250522100000"))
        #expect(deletion.appliedKeys.count == 2)
        let after = try await store.versions(family: .carePlan, currentOnly: true)
        #expect(after.count == 2 && after.allSatisfy { $0.action == .delete && $0.documents.isEmpty })
        // An update older than the deletion arrives late (e.g. re-sent): reported, the plan stays deleted.
        let late = try await importUnit(
            store,
            try modified(sampleUnit(.carePlan, timestamp: "20250521120000")) { kind, records in
                guard kind == .carePlanTable1 else { return }
                records = records.map { var row = $0 as! CarePlanTable1Record; row.planCreatorName = "再送"; return row }
            })
        #expect(late.stale.count == 2 && late.appliedKeys.isEmpty)
        #expect(try await store.versions(family: .carePlan, currentOnly: true).allSatisfy { $0.action == .delete })
        #expect(try await store.versions(family: .carePlan).count == 4)
    }

    @Test("第6表 delete removes 第6表 with its 第7表 and 補足")
    func usagePlanDeleteCascade() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.monthlyPlan, timestamp: "20250525180000"))
        _ = try await importUnit(store, sampleUnit(.monthlyPlanDeletion, timestamp: "20250526180000"))
        let current = try await store.versions(family: .usagePlan, currentOnly: true)
        #expect(current.count == 2 && current.allSatisfy { $0.action == .delete && $0.documents.isEmpty })
    }

    @Test("実績削除 removes only the named provider's service type")
    func resultsDeletionByServiceType() async throws {
        let store = try ImportStore.inMemory()
        _ = try await importUnit(store, sampleUnit(.results, timestamp: "20250630180000"))
        // A deletion for another service type of the same provider leaves the rows.
        let otherType = try modified(sampleUnit(.resultsDeletion, timestamp: "20250701090000")) { _, records in
            records = records.map { var row = $0 as! ServiceResultsDeletionRecord; row.serviceTypeCode = "12"; return row }
        }
        _ = try await importUnit(store, otherType)
        let kept = try await store.versions(family: .results, currentOnly: true)
        #expect(kept.allSatisfy { $0.action == .partialDelete && !$0.records(ServiceResultsRecord.self).isEmpty })
        _ = try await importUnit(store, sampleUnit(.resultsDeletion, timestamp: "20250702090000"))
        let deleted = try await store.versions(family: .results, currentOnly: true)
        #expect(deleted.count == 2 && deleted.allSatisfy { $0.action == .delete && $0.documents.isEmpty })
    }

    @Test("the store reads with the receive profile: another vendor's CSVバージョン 202410 imports; a UTF-8 file does not")
    func receiveProfile() async throws {
        let store = try ImportStore.inMemory()
        let files = sampleUnit(.monthlyPlan, timestamp: "20250525180000").map { file in
            var text = try! MS932.decode(file.bytes)
            text = "202410" + text.dropFirst(6)
            text = text.replacingOccurrences(of: "\r\n202407,", with: "\r\n202410,")
            return (name: file.name, bytes: try! MS932.encode(text).bytes)
        }
        #expect(files.allSatisfy { !FileValidator.validate(bytes: $0.bytes, fileName: $0.name).isValid })  // the send profile refuses them
        let report = try await importUnit(store, files)
        #expect(report.imported.count == 1 && report.rejected.isEmpty)
        #expect(try await store.versions(family: .usagePlan, currentOnly: true).count == 2)

        // A unit whose files a browser saved with a copy number: grouped and read without it.
        let copies = try ImportStore.inMemory()
        let suffixed = sampleUnit(.monthlyPlan, timestamp: "20250525180002").map { (name: $0.name.replacingOccurrences(of: ".CSV", with: " (1).CSV"), bytes: $0.bytes) }
        let copied = try await importUnit(copies, suffixed)
        #expect(copied.imported.count == 1 && copied.rejected.isEmpty && copied.ignoredFiles.isEmpty)

        let other = try ImportStore.inMemory()
        var utf8 = sampleUnit(.monthlyPlan, timestamp: "20250525180001")
        utf8[0].bytes = [0xEF, 0xBB, 0xBF] + utf8[0].bytes
        let refused = try await importUnit(other, utf8)
        #expect(refused.rejected.count == 1 && refused.imported.isEmpty)
    }

    @Test("a unit with an invalid file is rejected whole; nothing of it is stored")
    func invalidUnit() async throws {
        let store = try ImportStore.inMemory()
        var files = sampleUnit(.monthlyPlan, timestamp: "20250525180000")
        files[0].bytes = Array(files[0].bytes.prefix(40))  // cut inside the first record
        let report = try await importUnit(store, files)
        #expect(report.rejected.count == 1 && report.imported.isEmpty)
        #expect(try await store.versions().isEmpty)
        #expect(try await store.importedUnits().isEmpty)
    }

    @Test("a unit whose composition the spec does not allow is rejected with the validator's messages")
    func invalidComposition() async throws {
        let store = try ImportStore.inMemory()
        // 第1・2・3表 and 第6・7表 under one ファイル連番: two 補足, and 第6表 does not belong in pattern ①.
        let mixed = sampleUnit(.carePlan, timestamp: "20250525180000") + sampleUnit(.monthlyPlan, timestamp: "20250525180000")
        let report = try await importUnit(store, mixed)
        #expect(report.imported.isEmpty && report.rejected.count == 1)
        #expect(report.rejected.first?.reason.contains("unit.composition") == true)
        #expect(try await store.versions().isEmpty)
    }

    @Test("the same folder given twice imports each unit once, without doubled rows")
    func sameFolderTwice() async throws {
        let store = try ImportStore.inMemory()
        let folder = try temporaryFolder()
        let paths = try write(sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000"), to: folder)
        let report = try await store.importFiles(paths + LocalUnit.specFiles(under: folder))
        #expect(report.imported.count == 1)
        let version = try #require(try await store.versions(family: .usagePlan).first)
        let rows = try CarePlanDocument.read(
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: try #require(paths.first { $0.contains("UPPLAN") })))),
            fileName: (try #require(paths.first { $0.contains("UPPLAN") }) as NSString).lastPathComponent
        ).records.count
        #expect(version.records(ServiceUsePlanRecord.self).count == rows)
    }

    @Test("copies of a unit in two folders: identical ones import once; differing ones are rejected as a conflict")
    func copiesInTwoFolders() async throws {
        let files = sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000")
        let first = try temporaryFolder()
        let second = try temporaryFolder()
        try write(files, to: first)
        try write(files, to: second)
        let store = try ImportStore.inMemory()
        let same = try await store.importFiles(LocalUnit.specFiles(under: first) + LocalUnit.specFiles(under: second))
        #expect(same.imported.count == 1 && same.rejected.isEmpty)

        let changed = try modified(files) { kind, records in
            guard kind == .serviceUsePlan else { return }
            records.removeLast()
        }
        let third = try temporaryFolder()
        try write(changed, to: third)
        let other = try ImportStore.inMemory()
        let conflict = try await other.importFiles(LocalUnit.specFiles(under: first) + LocalUnit.specFiles(under: third))
        #expect(conflict.imported.isEmpty && conflict.rejected.count == 1)
        #expect(conflict.rejected.first?.reason.contains("UPPLAN_202506") == true)
        #expect(try await other.versions().isEmpty)
    }

    @Test("利用者基本情報 keeps its 家族構成画像; 予防 families are keyed by 相談日 and 計画作成日")
    func preventionFamilies() async throws {
        let store = try ImportStore.inMemory()
        let files = SampleFactory(month: june, userCount: 2, timestamp: FileTimestamp("20250520180000")!).files(for: .preventionPlanWithBasicInfo)
            .map { ($0.name.description, $0.bytes) }
        let report = try await importUnit(store, files)
        #expect(report.imported.count == 1)
        let basic = try await store.versions(family: .basicInfo, currentOnly: true)
        let plans = try await store.versions(family: .preventionPlan, currentOnly: true)
        #expect(basic.count == 2 && plans.count == 2)
        let images = files.filter { $0.0.hasSuffix(".jpg") }
        #expect(!images.isEmpty)
        #expect(basic.allSatisfy { Set($0.attachments.keys) == Set(images.map(\.0)) })
        #expect(basic.allSatisfy { $0.attachments.values.allSatisfy { bytes in images.contains { $0.1 == bytes } } })
    }

    @Test("export writes the current version back to the spec files, byte-identical to what was sent")
    func exportRoundTrip() async throws {
        let store = try ImportStore.inMemory()
        let files = sampleUnit(.monthlyPlan, users: 1, timestamp: "20250525180000")
        _ = try await importUnit(store, files)
        let version = try #require(try await store.versions(family: .usagePlan, currentOnly: true).first)
        let exported = try PlanExport.files(of: version)
        #expect(exported.map(\.name).sorted() == files.map(\.name).sorted())
        for file in exported {
            #expect(file.bytes == files.first { $0.name == file.name }?.bytes)
        }
    }
}
