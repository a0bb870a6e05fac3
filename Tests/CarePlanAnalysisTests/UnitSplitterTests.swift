// CarePlan Link — splitting a combined 第6表・第7表・補足 set per recipient, as spec §6 says.
import CarePlanCSV
import Testing

@testable import CarePlanAnalysis

@Suite("UnitSplitter")
struct UnitSplitterTests {
    static let june = YearMonth(year: 2025, month: 6)!

    static func combined(users: Int) -> [(name: String, bytes: [UInt8])] {
        SampleFactory(month: Self.june, userCount: users).files(for: .monthlyPlan).map { ($0.name.description, $0.bytes) }
    }

    /// 被保険者番号 → the offices (番号_種類) its 第6表 rows name.
    static func providers(_ files: [(name: String, bytes: [UInt8])]) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for file in files where file.name.hasPrefix("UPPLAN") {
            for record in try CarePlanDocument.read(bytes: file.bytes, fileName: file.name).records {
                let row = record as! ServiceUsePlanRecord
                result[row.insuredNumber, default: []].insert("\(row.providerOfficeCode)_\(row.serviceCode.prefix(2))")
            }
        }
        return result
    }

    @Test("one unit per recipient the rows name, with only its users, each user's rows whole, and every unit passes the validator")
    func splitsPerRecipient() throws {
        let files = Self.combined(users: 6)
        let served = try Self.providers(files)
        let result = try UnitSplitter.split(files)
        let recipients = Set(served.values.flatMap { $0 })
        #expect(Set(result.units.map(\.recipient.description)) == recipients)
        #expect(result.unplaced.isEmpty && result.droppedRows == 0)
        for unit in result.units {
            let expected = served.filter { $0.value.contains(unit.recipient.description) }.keys.sorted()
            #expect(unit.users == expected, "\(unit.recipient)")
            // Every file is addressed to the recipient, and the users' rows are all there, every provider's.
            #expect(unit.files.allSatisfy { $0.name.contains("_1310100012_43_\(unit.recipient)_") })
            let rows = try Self.providers(unit.files)
            #expect(Set(rows.keys) == Set(expected))
            for user in expected { #expect(rows[user] == served[user], "\(user) in \(unit.recipient)") }
            let reports = unit.files.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name) }
            let errors = SendUnitValidator.errors(files: reports, unit: SendUnitValidator.validate(reports))
            #expect(errors.isEmpty, "\(unit.recipient): \(errors.map(\.messageEN))")
            // 補足 travels with its users only.
            let supplement = try #require(unit.files.first { $0.name.hasPrefix("UPHOSOKU") })
            let supplementUsers = try CarePlanDocument.read(bytes: supplement.bytes, fileName: supplement.name).records.map { ($0 as! SupplementaryUserInfoRecord).insuredNumber }
            #expect(supplementUsers.sorted() == expected)
        }
    }

    @Test("out-of-scope services are dropped, and a user with only such services goes nowhere")
    func outOfScope() throws {
        // Every service of the first user becomes 33 (特定施設入居者生活介護, out of the exchange's scope).
        let files = Self.combined(users: 2)
        let first = SampleFactory(month: Self.june, userCount: 2).users.map(\.insuredNumber).min()!
        let changed = try files.map { file -> (name: String, bytes: [UInt8]) in
            var document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
            document.records = document.records.map { record in
                if var row = record as? ServiceUsePlanRecord, row.insuredNumber == first { row.serviceCode = "33" + row.serviceCode.dropFirst(2); return row }
                if var row = record as? ServiceUseAnnexRecord, row.insuredNumber == first, ServiceType.named(String(row.serviceCode.prefix(2))) != nil {
                    row.serviceCode = "33" + row.serviceCode.dropFirst(2)
                    return row
                }
                return record
            }
            do { return (file.name, try document.write().bytes) } catch {
                Issue.record("write failed: \(error)")
                return file
            }
        }
        let result: UnitSplitter.Result
        do { result = try UnitSplitter.split(changed) } catch {
            Issue.record("split failed: \(error)")
            return
        }
        #expect(result.unplaced == [first])
        #expect(result.droppedRows > 0)
        #expect(result.units.allSatisfy { !$0.users.contains(first) })
    }

    @Test("refused: no 第6表, mixed ファイル連番, a kind that is not split, a name that is not the spec's")
    func refusals() throws {
        let files = Self.combined(users: 1)
        #expect(throws: UnitSplitter.SplitError.self) { try UnitSplitter.split(files.filter { !$0.name.hasPrefix("UPPLAN") }) }
        let other = SampleFactory(month: Self.june, userCount: 1, timestamp: FileTimestamp("20250526180000")!).files(for: .monthlyPlan)
        #expect(throws: UnitSplitter.SplitError.self) { try UnitSplitter.split(files + [(other[1].name.description, other[1].bytes)]) }
        let results = SampleFactory(month: Self.june, userCount: 1).files(for: .results).map { ($0.name.description, $0.bytes) }
        #expect(throws: UnitSplitter.SplitError.self) { try UnitSplitter.split(files + results) }
        #expect(throws: UnitSplitter.SplitError.self) { try UnitSplitter.split(files + [("notes.txt", [0x41])]) }
    }
}

@Suite("CSV output")
struct CSVOutputTests {
    @Test("a field a spreadsheet would read as a formula gets a leading apostrophe; commas and quotes are quoted")
    func formulaFields() {
        let line = Reconciliation.Line(
            kind: .missing, insurerNumber: "131011", insuredNumber: "0001000000", userName: "=HYPERLINK(\"x\")", provider: "1310100021_11",
            serviceCode: "111111", day: 9, planned: "+1, 2", actual: "@x")
        let csv = Reconciliation(month: "202506", lines: [line]).csv
        let row = csv.split(separator: "\r\n")[1]
        #expect(row.contains(",\"'=HYPERLINK(\"\"x\"\")\","))
        #expect(row.contains(",\"'+1, 2\",'@x"))
    }
}
