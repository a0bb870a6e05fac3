// CarePlan Link — the vendor conformance kit, its sample set and the import check.
import Foundation
import Testing

@testable import CarePlanCSV

/// The conformance sample set of June 2025 as named files.
private let conformanceSet: [NamedFile] = SampleFactory(month: YearMonth(year: 2025, month: 6)!).conformanceSet().map {
    NamedFile(name: $0.name.description, bytes: $0.bytes)
}

private func parsedName(_ file: NamedFile) -> CarePlanFileName? { try? CarePlanFileName(parsing: file.name) }

/// The 居宅 file of `kind` (sent by or to the care manager's office).
private func homeFile(_ kind: FileKind) -> NamedFile {
    conformanceSet.first { file in
        guard let name = parsedName(file) else { return false }
        return name.kind == kind && (name.sender == SampleOffices.careManager || name.recipient == SampleOffices.careManager)
    }!
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
}

@Suite("Conformance kit")
struct ConformanceKitTests {
    /// Writes `files` into a new temporary folder; their paths, sorted.
    private func folder(_ files: [NamedFile]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-conformance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for file in files {
            let path = folder + "/" + file.name
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths.sorted()
    }

    private func run(_ files: [NamedFile], side: ConformanceSide = .all) throws -> ConformanceReport {
        ConformanceKit.run(paths: try self.folder(files), side: side)
    }

    // MARK: - The sample set

    @Test("every file and send unit of the conformance set is valid with the send profile")
    func setIsValid() {
        let reports = conformanceSet.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name, profile: .send) }
        for report in reports {
            // Neither errors nor warnings: the set shows what a conformant file looks like.
            #expect(report.diagnostics.isEmpty, "\(report.file): \(report.diagnostics.map(\.description))")
        }
        let units = SendUnitValidator.validate(reports)
        #expect(units.count == ConformancePattern.allCases.count)
        for unit in units {
            #expect(unit.diagnostics.isEmpty, "\(unit.key): \(unit.diagnostics.map(\.description))")
        }
    }

    @Test("the set exercises the valid edges: MS932 edge characters, free text, 9999, 日割, H-form numbers, totals, other providers")
    func setCoversEdges() throws {
        let all = conformanceSet.flatMap(\.bytes)
        for text in ["髙", "﨑", "①", "㈱", "～", "ⅰ", "ﾀｶﾊｼ", "\"\"見守り\"\"", "特になし, ただし", "\r\n（審査会意見"] {
            #expect(contains(all, try MS932.encode(text).bytes), "\(text)")
        }

        let plan = RawCarePlanFile(bytes: homeFile(.serviceUsePlan).bytes, kind: .serviceUsePlan)
        func values(_ file: RawCarePlanFile, _ kind: FileKind, _ item: Int) -> [String] {
            file.rows.compactMap { $0.fields[Fixtures.column(kind, item)] }
        }
        #expect(values(plan, .serviceUsePlan, 12).contains("9999") && values(plan, .serviceUsePlan, 13).contains("9999"))
        #expect(values(plan, .serviceUsePlan, 11).contains { DayMask($0)?.lastDay != nil })
        #expect(Set(values(plan, .serviceUsePlan, 3)).count >= 3)
        #expect(values(plan, .serviceUsePlan, 3).contains { $0.hasPrefix("H") && $0.count == 10 })
        #expect(Set(values(plan, .serviceUsePlan, 20)).count >= 3)

        let annex = RawCarePlanFile(bytes: homeFile(.serviceUseAnnex).bytes, kind: .serviceUseAnnex)
        #expect(values(annex, .serviceUseAnnex, 9).contains { $0.hasSuffix("AAAA") })
        #expect(values(annex, .serviceUseAnnex, 9).contains("999999"))
        #expect(Set(values(annex, .serviceUseAnnex, 7)).count >= 3)

        // Every pattern has its unit; 予防 利用票 and 実績 are told apart from the 居宅 ones.
        let units = Dictionary(grouping: conformanceSet.compactMap(parsedName)) { $0.sendUnitKey }
        let patterns = units.values.flatMap { ConformancePattern.patterns(of: $0) }
        #expect(Set(patterns) == Set(ConformancePattern.allCases))
    }

    // MARK: - The kit

    @Test("the conformance set passes every pattern")
    func setPasses() throws {
        let report = try self.run(conformanceSet)
        #expect(report.pass, "\(report.text)")
        #expect(report.errors == 0 && report.unassignedFiles.isEmpty)
        #expect(report.patterns.map(\.pattern) == ConformancePattern.allCases)
        for result in report.patterns {
            #expect(result.required && result.present && result.complete && result.passed, "\(result.pattern)")
            #expect(result.units.count == 1 && result.missingKinds.isEmpty, "\(result.pattern)")
        }
        #expect(report.text.contains("合格 / PASS"))
    }

    @Test("a side judges only its own patterns, and only the groups the export has")
    func sides() throws {
        let careManagerFiles = conformanceSet.filter { parsedName($0)?.sender == SampleOffices.careManager }
        let asCareManager = try self.run(careManagerFiles, side: .careManager)
        #expect(asCareManager.pass, "\(asCareManager.text)")
        #expect(asCareManager.result(.results)?.required == false)
        // Judged as a whole suite, the 居宅 実績 are missing; the 予防 patterns do not count (no 予防 file).
        let asAll = try self.run(careManagerFiles, side: .all)
        #expect(!asAll.pass)
        #expect(asAll.result(.results)?.required == true && asAll.result(.results)?.present == false)
        #expect(asAll.result(.preventionPlan)?.required == false)
    }

    @Test("removing a file makes its pattern incomplete and names the missing kind")
    func missingFile() throws {
        let report = try self.run(conformanceSet.filter { parsedName($0)?.kind != .weeklyScheduleTable3 })
        let carePlan = try #require(report.result(.carePlan))
        #expect(carePlan.present && !carePlan.complete && !carePlan.passed)
        #expect(carePlan.missingKinds == [.weeklyScheduleTable3])
        #expect(!report.pass)
        #expect(report.result(.usePlan)?.passed == true)
        #expect(report.text.contains("UP3KYO"))

        // Without its parent, the unit still counts for its pattern, which names the parent.
        let withoutTable1 = try self.run(conformanceSet.filter { parsedName($0)?.kind != .carePlanTable1 })
        #expect(withoutTable1.result(.carePlan)?.missingKinds == [.carePlanTable1])
        #expect(withoutTable1.result(.carePlan)?.present == true)
    }

    @Test("a damaged date fails its pattern, and the problem is grouped by rule with a count and the first rows")
    func damagedDate() throws {
        let plan = homeFile(.serviceUsePlan)
        let column = Fixtures.column(.serviceUsePlan, 10)
        let damaged = Fixtures.edited(plan) { csv in
            csv.set(row: 0, column: column, "20250631")
            csv.set(row: 1, column: column, "20250631")
        }
        let report = try self.run(conformanceSet.map { $0.name == plan.name ? damaged : $0 })
        let usePlan = try #require(report.result(.usePlan))
        #expect(usePlan.complete && !usePlan.passed && usePlan.errors >= 2)
        let problem = try #require(usePlan.problems.first { $0.rule == .notARealDate })
        #expect(problem.severity == .error && problem.count == 2)
        #expect(problem.firstRows == [
            ConformanceReport.Location(file: plan.name, row: 1, item: 10), ConformanceReport.Location(file: plan.name, row: 2, item: 10),
        ])
        #expect(usePlan.problems.first?.severity == .error)
        #expect(report.result(.preventionUsePlan)?.passed == true)
        #expect(!report.pass)
        #expect(report.text.contains("field.notARealDate"))
    }

    @Test("the JSON report has pass, patterns and unassignedFiles, and decodes back")
    func json() throws {
        let report = try self.run(conformanceSet)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let parsed = try JSONSerialization.jsonObject(with: data)
        let object = try #require(parsed as? [String: Any])
        #expect(object["pass"] as? Bool == true)
        #expect(object["unassignedFiles"] as? [Any] != nil)
        let patterns = try #require(object["patterns"] as? [[String: Any]])
        #expect(patterns.compactMap { $0["pattern"] as? String } == ConformancePattern.allCases.map(\.rawValue))
        for key in ["pattern", "title", "present", "complete", "missingKinds", "units", "errors", "warnings", "problems"] {
            #expect(patterns[0][key] != nil, "\(key)")
        }
        let unit = try #require((patterns[0]["units"] as? [[String: Any]])?.first)
        for key in ["timestamp", "files", "errors", "warnings"] {
            #expect(unit[key] != nil, "\(key)")
        }
        #expect(try JSONDecoder().decode(ConformanceReport.self, from: data) == report)
    }

    // MARK: - Import check

    private var sample: [ImportCheck.SourceFile] { conformanceSet.map { ImportCheck.SourceFile(name: $0.name, bytes: $0.bytes) } }

    @Test("identical data: no differences; the rows the set deletes are not expected")
    func importIdentical() {
        let expected = ImportCheck.expectedEntries(of: self.sample)
        let report = ImportCheck.compare(sample: self.sample, imported: expected)
        #expect(report.identical, "\(report.text)")
        #expect(report.differences.isEmpty && report.missingRows.isEmpty && report.extraRows.isEmpty && report.notDeletedRows.isEmpty)
        #expect(report.comparedRows > 0 && report.comparedFields > report.comparedRows)
        #expect(!report.skippedFiles.isEmpty && report.skippedFiles.allSatisfy { $0.hasPrefix("UPKIHON_IMAGE_") })
        // The delete files remove the last user (0001000098) everywhere; the others remain.
        #expect(!expected.contains { $0.item == 3 && $0.value == "0001000098" })
        #expect(expected.contains { $0.item == 3 && $0.value == "H000000096" })
    }

    @Test("rows a delete file removes but the software still shows are listed")
    func importNotDeleted() {
        let withoutDeletions = self.sample.filter { (try? CarePlanFileName(parsing: $0.name))?.kind.isDeletion != true }
        let report = ImportCheck.compare(sample: self.sample, imported: ImportCheck.expectedEntries(of: withoutDeletions))
        #expect(!report.identical && !report.notDeletedRows.isEmpty)
        #expect(report.differences.isEmpty && report.missingRows.isEmpty && report.extraRows.isEmpty)
    }

    @Test("one changed value is listed with its item No., name and both values")
    func importChangedValue() throws {
        let plan = homeFile(.serviceUsePlan).name
        var entries = ImportCheck.expectedEntries(of: self.sample)
        let index = try #require(entries.firstIndex { $0.kind == plan && $0.row == 1 && $0.item == 15 })
        let original = entries[index].value
        entries[index].value = "999999"
        let report = ImportCheck.compare(sample: self.sample, imported: entries)
        #expect(!report.identical)
        #expect(report.differences == [
            ImportCheck.FieldDifference(file: plan, kind: "UPPLAN", row: 1, item: 15, itemName: "サービスコード", expected: original, actual: "999999")
        ])
        #expect(report.missingRows.isEmpty && report.extraRows.isEmpty)
        #expect(report.text.contains("No.15 サービスコード"))
    }

    @Test("a missing row and an extra row are listed")
    func importMissingAndExtraRows() {
        let plan = homeFile(.serviceUsePlan).name
        var entries = ImportCheck.expectedEntries(of: self.sample).filter { !($0.kind == plan && $0.row == 2) }
        entries.append(ImportCheck.Entry(kind: plan, row: 999, item: 15, value: "111111"))
        let report = ImportCheck.compare(sample: self.sample, imported: entries)
        #expect(report.missingRows == [ImportCheck.RowReference(file: plan, kind: "UPPLAN", row: 2)])
        #expect(report.extraRows == [ImportCheck.RowReference(file: plan, kind: plan, row: 999)])
        #expect(report.differences.isEmpty)
    }

    @Test("a file-kind prefix counts rows across that kind's files")
    func importByPrefix() {
        let table1 = homeFile(.carePlanTable1).name
        let entries = ImportCheck.expectedEntries(of: self.sample).map { entry in
            entry.kind == table1 ? ImportCheck.Entry(kind: "UP1KYO", row: entry.row, item: entry.item, value: entry.value) : entry
        }
        #expect(ImportCheck.compare(sample: self.sample, imported: entries).identical)
    }

    @Test("the import result as CSV: a header, quoted free text with commas, quotes and line breaks, UTF-8 or MS932")
    func importCSV() throws {
        let expected = ImportCheck.expectedEntries(of: self.sample)
        var csv = "種別,行,項番,値\r\n"
        for entry in expected {
            csv += "\(entry.kind),\(entry.row),\(entry.item),\"\((entry.value ?? "").replacingOccurrences(of: "\"", with: "\"\""))\"\r\n"
        }
        let parsed = try ImportCheck.entries(csv: Array(csv.utf8))
        #expect(parsed == expected)
        #expect(ImportCheck.compare(sample: self.sample, imported: parsed).identical)

        let ms932 = try ImportCheck.entries(csv: MS932.encode("kind,row,item,項目名,value\r\nUP1KYO, 1 ,No.8,計画作成者,介護　支援子\r\n").bytes)
        #expect(ms932 == [ImportCheck.Entry(kind: "UP1KYO", row: 1, item: 8, value: "介護　支援子")])

        #expect(throws: ImportCheck.InputError.self) { try ImportCheck.entries(csv: Array("UPPLAN,1,15,111111\r\n".utf8)) }
        #expect(throws: ImportCheck.InputError.self) { try ImportCheck.entries(csv: Array("種別,行,項番,値\r\nUPPLAN,x,15,111111\r\n".utf8)) }
    }

    @Test("the import result as JSON: kind or file, numbers as text, null values")
    func importJSON() throws {
        let json = #"[{"kind": "UP1KYO", "row": 1, "item": "No.8", "value": "介護　支援子"}, {"file": "UPPLAN", "row": "2", "item": 8, "value": 244}, {"kind": "UPPLAN", "row": 3, "item": 9, "value": null}]"#
        let entries = try JSONDecoder().decode([ImportCheck.Entry].self, from: Data(json.utf8))
        #expect(entries == [
            ImportCheck.Entry(kind: "UP1KYO", row: 1, item: 8, value: "介護　支援子"), ImportCheck.Entry(kind: "UPPLAN", row: 2, item: 8, value: "244"),
            ImportCheck.Entry(kind: "UPPLAN", row: 3, item: 9, value: nil),
        ])
    }
}
