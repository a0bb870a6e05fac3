// CarePlan Link — one invalid fixture per validation rule.
import Foundation
import Testing

@testable import CarePlanCSV

/// A fixture that breaks one rule, and where the rule must be reported.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: Rule
    let severity: Diagnostic.Severity
    /// 項番 the diagnostic must name (nil: not checked).
    let item: Int?
    /// 1-based data row the diagnostic must name (nil: not checked).
    let row: Int?
    let files: @Sendable () -> [NamedFile]

    init(_ rule: Rule, _ severity: Diagnostic.Severity = .error, item: Int? = nil, row: Int? = nil, files: @escaping @Sendable () -> [NamedFile]) {
        self.rule = rule
        self.severity = severity
        self.item = item
        self.row = row
        self.files = files
    }

    var testDescription: String { self.rule.rawValue }
}

private func one(_ file: NamedFile) -> [NamedFile] { [file] }
private func edit(_ kind: FileKind, month: YearMonth = Fixtures.june, _ change: @escaping (inout EditableCSV) -> Void) -> [NamedFile] {
    [Fixtures.edited(Fixtures.file(kind, month: month), change)]
}
private func col(_ kind: FileKind, _ item: Int) -> Int { Fixtures.column(kind, item) }
/// The unit of `pattern` with the file of `kind` edited.
private func unitEditing(_ pattern: SamplePattern, _ kind: FileKind, _ change: @escaping (inout EditableCSV) -> Void) -> [NamedFile] {
    Fixtures.unit(pattern).map { file in
        (try? CarePlanFileName(parsing: file.name))?.kind == kind ? Fixtures.edited(file, change) : file
    }
}
/// Raw-byte edit: replaces the `occurrence`-th occurrence of `find` with `replacement`.
private func replacingBytes(_ file: NamedFile, _ find: [UInt8], _ replacement: [UInt8], occurrence: Int = 1) -> NamedFile {
    var bytes = file.bytes
    let starts = (0...(bytes.count - find.count)).filter { Array(bytes[$0..<($0 + find.count)]) == find }
    let index = starts[occurrence - 1]
    bytes.replaceSubrange(index..<(index + find.count), with: replacement)
    return NamedFile(name: file.name, bytes: bytes)
}
private func ms932(_ text: String) -> [UInt8] { try! MS932.encode(text).bytes }

let ruleCases: [RuleCase] = [
    RuleCase(.fileNameGrammar) { [NamedFile(name: "UPPLAN_2025_1310100012_43_1310100021_11_20250525180001.CSV", bytes: Fixtures.file(.serviceUsePlan).bytes)] },
    RuleCase(.encodingUndefined, item: 6, row: 1) { one(replacingBytes(Fixtures.file(.carePlanTable1), ms932("東京都"), [0x85, 0x40])) },
    RuleCase(.encodingUserDefined, item: 6, row: 1) { one(replacingBytes(Fixtures.file(.carePlanTable1), ms932("東京都"), [0xF0, 0x40])) },
    RuleCase(.quoteInUnquotedField, item: 5, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 5), "101\"0047") } },
    RuleCase(.textAfterClosingQuote, item: 23, row: 1) { one(replacingBytes(Fixtures.file(.carePlanTable1), ms932("\"特になし\","), ms932("\"特になし\"x,"))) },
    RuleCase(.unterminatedQuote) {
        var bytes = Fixtures.file(.carePlanTable1Deletion).bytes
        bytes += Array("202407,131011,\"0000000001,20250520".utf8)
        return [NamedFile(name: Fixtures.file(.carePlanTable1Deletion).name, bytes: bytes)]
    },
    RuleCase(.bareCarriageReturn, row: 1) { one(replacingBytes(Fixtures.file(.carePlanTable1Deletion), [0x0D, 0x0A], [0x0D])) },
    RuleCase(.mixedLineEndings, .warning, row: 2) { one(replacingBytes(Fixtures.file(.carePlanTable1Deletion), [0x0D, 0x0A], [0x0A], occurrence: 2)) },
    RuleCase(.fieldCount, row: 2) { edit(.carePlanTable1Deletion) { $0.rows[1].removeLast(); $0.quoted[1].removeLast() } },
    RuleCase(.freeTextNotQuoted, item: 8, row: 1) { edit(.carePlanTable1) { $0.quoted[0][col(.carePlanTable1, 8)] = false } },
    RuleCase(.quotedNonFreeText, .warning, item: 2, row: 1) { edit(.carePlanTable1) { $0.quoted[0][col(.carePlanTable1, 2)] = true } },
    RuleCase(.emptyFile, .warning) { [NamedFile(name: Fixtures.file(.carePlanTable1Deletion).name, bytes: [])] },
    RuleCase(.unknownVersion, item: 1, row: 1) { edit(.carePlanTable1Deletion) { $0.setAll(column: 0, "202601") } },
    RuleCase(.mixedVersions, item: 1, row: 2) { edit(.carePlanTable1Deletion) { $0.set(row: 1, column: 0, "202504") } },
    RuleCase(.kindNotInVersion, row: 1) { edit(.weeklyScheduleTable3) { $0.setAll(column: 0, "202208") } },
    RuleCase(.versionNotApplicable, .warning) { one(Fixtures.file(.serviceUsePlan, month: YearMonth(year: 2024, month: 12)!)) },
    RuleCase(.versionFileNameGrammar) {
        let file = Fixtures.file(.carePlanTable1Deletion)
        return [NamedFile(name: file.name.replacingFirst("_43_", with: "_").replacingFirst("_11_", with: "_"), bytes: file.bytes)]
    },
    RuleCase(.required, item: 3, row: 2) { edit(.carePlanTable1) { $0.set(row: 1, column: col(.carePlanTable1, 3), "") } },
    RuleCase(.tooLong, item: 5, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 5), "101-00470") } },
    RuleCase(.format, item: 2, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 2), "13101A") } },
    RuleCase(.notARealDate, item: 18, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 18), "20250230") } },
    RuleCase(.unknownCode, item: 7, row: 3) { edit(.supplementaryUserInfo) { $0.set(row: 2, column: col(.supplementaryUserInfo, 7), "3") } },
    RuleCase(.dayMaskBeyondMonth, item: 11, row: 1) { edit(.serviceUsePlan) { $0.set(row: 0, column: col(.serviceUsePlan, 11), String(repeating: "0", count: 30) + "1") } },
    RuleCase(.serviceTypeNotExchanged, item: 15, row: 1) { edit(.serviceUsePlan) { $0.set(row: 0, column: col(.serviceUsePlan, 15), "331111") } },
    RuleCase(.controlCharacter, item: 23, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 23), "特に\u{07}なし") } },
    RuleCase(.conditionalRequired, item: 16) {
        edit(.serviceUsePlan) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") { csv.rows[row][col(.serviceUsePlan, 16)] = "" }
        }
    },
    RuleCase(.conditionalNotApplicable, .warning, item: 16, row: 1) { edit(.serviceUsePlan) { $0.set(row: 0, column: col(.serviceUsePlan, 16), "00170-000123") } },
    RuleCase(.dateOutsideMonth, item: 10, row: 1) { edit(.serviceUsePlan) { $0.set(row: 0, column: col(.serviceUsePlan, 10), "20250701") } },
    RuleCase(.untimedPair, item: 13, row: 1) { edit(.serviceUsePlan) { $0.set(row: 0, column: col(.serviceUsePlan, 12), "9999") } },
    RuleCase(.totalRowValues, item: 13) {
        edit(.serviceUseAnnex) { csv in
            let last = csv.rows.lastIndex { $0[col(.serviceUseAnnex, 9)] == "999999" }!
            csv.rows[last][col(.serviceUseAnnex, 13)] = "5"
        }
    },
    RuleCase(.dateOrder, item: 14, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 15), "20991231") } },
    RuleCase(.placeholderLink, item: 63, row: 1) {
        Fixtures.unit(.carePlan).filter { $0.name.hasPrefix("UPHOSOKU") }.map { Fixtures.edited($0) { $0.set(row: 0, column: col(.supplementaryUserInfo, 4), "00000000") } }
    },
    RuleCase(.monthMismatch, item: 5, row: 1) { edit(.serviceUseAnnex) { $0.setAll(column: col(.serviceUseAnnex, 5), "202507") } },
    RuleCase(.multipleMonths, item: 4, row: 2) { edit(.serviceUsePlanDeletion) { $0.set(row: 1, column: col(.serviceUsePlanDeletion, 4), "202507") } },
    RuleCase(.duplicateKey, item: 2, row: 3) { edit(.carePlanTable1Deletion) { $0.rows[2] = $0.rows[0] } },
    RuleCase(.senderMismatch, .warning, item: 13, row: 1) { edit(.carePlanTable1) { $0.set(row: 0, column: col(.carePlanTable1, 13), "1310199999") } },
    RuleCase(.recipientNotInRows, item: 20, row: 1) { edit(.serviceUsePlan) { $0.setAll(column: col(.serviceUsePlan, 20), "1310199999") } },
    RuleCase(.serviceTypeMismatch, .warning, item: 15, row: 1) { edit(.serviceResults) { $0.set(row: 0, column: col(.serviceResults, 15), "151111") } },
    RuleCase(.rowOrder, .warning, row: 2) { edit(.carePlanTable2) { $0.swapRows(0, 1) } },
    RuleCase(.missingTotalRow, item: 9) { edit(.serviceUseAnnex) { $0.removeRows { $0[col(.serviceUseAnnex, 9)] == "999999" } } },
    RuleCase(.missingSubtotalRow, .warning, item: 9) { edit(.serviceUseAnnex) { $0.removeRows { $0[col(.serviceUseAnnex, 9)].hasSuffix("AAAA") } } },
    RuleCase(.notJPEG) {
        let image = Fixtures.file(.basicUserInfoFamilyImage)
        return [NamedFile(name: image.name, bytes: [0x89, 0x50, 0x4E, 0x47] + image.bytes)]
    },
    RuleCase(.unitComposition) {
        let plan = Fixtures.unit(.carePlan)
        let timestamp = String(plan[0].name.suffix(18).prefix(14))
        let monthly = Fixtures.file(.serviceUsePlan)
        return plan + [NamedFile(name: String(monthly.name.dropLast(18)) + timestamp + ".CSV", bytes: monthly.bytes)]
    },
    RuleCase(.unitDuplicateKind) {
        let plan = Fixtures.unit(.carePlan)
        let timestamp = String(plan[0].name.suffix(18).prefix(14))
        let supplement = Fixtures.unit(.monthlyPlan).first { $0.name.hasPrefix("UPHOSOKU") }!
        return plan + [NamedFile(name: String(supplement.name.dropLast(18)) + timestamp + ".CSV", bytes: supplement.bytes)]
    },
    RuleCase(.unitOrphanRow, row: 1) { unitEditing(.carePlan, .carePlanTable2) { $0.set(row: 0, column: col(.carePlanTable2, 5), "20250101") } },
    RuleCase(.unitMonthMismatch) {
        Fixtures.unit(.monthlyPlan).map { file in
            guard file.name.hasPrefix("UPSIKYU") else { return file }
            let edited = Fixtures.edited(file) { $0.setAll(column: col(.serviceUseAnnex, 5), "202507") }
            return NamedFile(name: file.name.replacingFirst("_202506_", with: "_202507_"), bytes: edited.bytes)
        }
    },
    RuleCase(.unitImageMissing, row: 2) { Fixtures.unit(.preventionBasicInfo).filter { !$0.name.hasSuffix("_0002.jpg") } },
    RuleCase(.unitImageUnreferenced, .warning) {
        let unit = Fixtures.unit(.preventionBasicInfo)
        let image = unit.first { $0.name.hasSuffix("_0001.jpg") }!
        return unit + [NamedFile(name: image.name.replacingFirst("_0001.jpg", with: "_0009.jpg"), bytes: image.bytes)]
    },
    RuleCase(.unitMixedVersions, .warning) { unitEditing(.carePlan, .carePlanTable2) { $0.setAll(column: 0, "202504") } },
    RuleCase(.fileNameCopySuffix) {
        let file = Fixtures.file(.carePlanTable1Deletion)
        return [NamedFile(name: file.name.replacingFirst(".CSV", with: " (1).CSV"), bytes: file.bytes)]
    },
    RuleCase(.fileNameExtensionCase) {
        let file = Fixtures.file(.carePlanTable1Deletion)
        return [NamedFile(name: file.name.replacingFirst(".CSV", with: ".csv"), bytes: file.bytes)]
    },
    RuleCase(.encodingUTF8, row: 1) {
        let file = Fixtures.file(.carePlanTable1Deletion)
        return [NamedFile(name: file.name, bytes: [0xEF, 0xBB, 0xBF] + file.bytes)]
    },
    RuleCase(.versionIssueMonth, item: 1, row: 1) { edit(.carePlanTable1Deletion) { $0.setAll(column: 0, "202410") } },
    RuleCase(.fullWidthDash, item: 16) {
        edit(.serviceUsePlan) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") { csv.rows[row][col(.serviceUsePlan, 16)] = "00170－000123" }
        }
    },
    RuleCase(.outOfRange, item: 6, row: 1) { edit(.carePlanTable2) { $0.set(row: 0, column: col(.carePlanTable2, 6), "0") } },
    RuleCase(.limitSlots, item: 24, row: 1) {
        edit(.supplementaryUserInfo) { csv in
            for item in 20...27 { csv.set(row: 0, column: col(.supplementaryUserInfo, item), "") }
            csv.set(row: 0, column: col(.supplementaryUserInfo, 24), "13")
        }
    },
    RuleCase(.annexArithmetic, .warning, item: 20) {
        edit(.serviceUseAnnex) { csv in
            let last = csv.rows.lastIndex { $0[col(.serviceUseAnnex, 9)] == "999999" }!
            csv.rows[last][col(.serviceUseAnnex, 20)] = "1"
        }
    },
]

@Suite("Validation rules: one invalid fixture per rule")
struct ValidationRuleTests {
    @Test("every rule has a fixture")
    func everyRuleCovered() {
        let covered = Set(ruleCases.map(\.rule))
        let missing = Rule.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a fixture: \(missing)")
    }

    @Test("the sample units are valid without warnings")
    func samplesAreClean() {
        for pattern in SamplePattern.allCases {
            let files = Fixtures.unit(pattern)
            let reports = files.map(\.report)
            for report in reports { #expect(report.diagnostics.isEmpty, "\(report.file): \(report.diagnostics)") }
            let units = SendUnitValidator.validate(reports)
            #expect(units.count == 1)
            #expect(units.flatMap(\.diagnostics).isEmpty, "\(pattern): \(units.flatMap(\.diagnostics))")
        }
    }

    @Test("each fixture is reported with its rule, severity and location", arguments: ruleCases)
    func fixtureBreaksItsRule(_ ruleCase: RuleCase) throws {
        let reports = ruleCase.files().map(\.report)
        // File-level fixtures are single files, which alone are not complete send units.
        let units = ruleCase.rule.rawValue.hasPrefix("unit.") ? SendUnitValidator.validate(reports) : []
        let diagnostics = reports.flatMap(\.diagnostics) + units.flatMap(\.diagnostics)
        let matching = diagnostics.filter { $0.rule == ruleCase.rule && $0.severity == ruleCase.severity }
        #expect(!matching.isEmpty, "expected \(ruleCase.rule) (\(ruleCase.severity)); got \(diagnostics.map { "\($0.rule.rawValue)" })")
        if let item = ruleCase.item {
            #expect(matching.contains { $0.item == item }, "expected item No.\(item); got \(matching.map { $0.item ?? -1 })")
        }
        if let row = ruleCase.row {
            #expect(matching.contains { $0.row == row }, "expected row \(row); got \(matching.map { $0.row ?? -1 })")
        }
        for diagnostic in matching {
            #expect(!diagnostic.messageJA.isEmpty && !diagnostic.messageEN.isEmpty)
        }
        if ruleCase.severity == .warning {
            // A warning alone never fails a file.
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "a warning fixture should carry no errors: \(errors)")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = self.range(of: target) else { return self }
        return self.replacingCharacters(in: range, with: replacement)
    }
}
