// CarePlan Link — the send and receive profiles, the targeted diagnostics for known vendor mistakes, and no masking:
// each mistake is reproduced by our own code from a valid sample file.
import Foundation
import Testing

@testable import CarePlanCSV

private func col(_ kind: FileKind, _ item: Int) -> Int { Fixtures.column(kind, item) }

private func validate(_ file: NamedFile, _ profile: ValidationProfile) -> FileReport {
    FileValidator.validate(bytes: file.bytes, fileName: file.name, profile: profile)
}

@Suite("Profiles and targeted diagnostics")
struct ReadingToleranceTests {
    // MARK: - Profiles

    @Test("unquoted free text: an error when sending, a warning with a note when receiving")
    func unquotedFreeText() throws {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1)) { csv in
            for row in csv.rows.indices { csv.quoted[row][col(.carePlanTable1, 8)] = false }
        }
        let send = validate(file, .send)
        #expect(send.errorRules == [.freeTextNotQuoted])
        #expect(send.diagnostics.first?.hintJA?.contains("フリーテキスト項目は「\"」で囲んで") == true)
        let receive = validate(file, .receive)
        #expect(receive.isValid)
        let warning = try #require(receive.diagnostics.first { $0.rule == .freeTextNotQuoted })
        #expect(warning.severity == .warning && warning.hintJA == ValidationProfile.toleratedNoteJA)
    }

    @Test("a TAIS code with the spec example's full-width dash: an error when sending, a warning when receiving")
    func fullWidthDash() {
        let file = Fixtures.edited(Fixtures.file(.serviceUsePlan)) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") { csv.rows[row][col(.serviceUsePlan, 16)] = "00170－000123" }
        }
        #expect(validate(file, .send).errorRules == [.fullWidthDash])
        let receive = validate(file, .receive)
        #expect(receive.isValid && receive.diagnostics.contains { $0.rule == .fullWidthDash && $0.severity == .warning })
        // Not tooLong: the dash is named.
        #expect(!validate(file, .send).diagnostics.contains { $0.rule == .tooLong })
        // What the receiver stores is the conformant code.
        let document = CarePlanDocument.validateAndRead(bytes: file.bytes, fileName: file.name, profile: .receive).document
        let codes = (document?.records as? [ServiceUsePlanRecord] ?? []).compactMap(\.taisCode)
        #expect(!codes.isEmpty && codes.allSatisfy { $0 == "00170-000123" }, "\(codes)")
    }

    @Test("a lower-case .csv and a browser's \" (1)\": errors with their cause when sending; read with warnings when receiving")
    func fileNameTolerances() throws {
        let file = Fixtures.file(.serviceUsePlan)
        let lower = NamedFile(name: file.name.replacingFirst(".CSV", with: ".csv"), bytes: file.bytes)
        #expect(validate(lower, .send).errorRules == [.fileNameExtensionCase])
        #expect(validate(lower, .receive).isValid && validate(lower, .receive).warningCount == 1)

        let copy = NamedFile(name: file.name.replacingFirst(".CSV", with: " (1).CSV"), bytes: file.bytes)
        let send = validate(copy, .send)
        #expect(send.errorRules == [.fileNameCopySuffix])
        #expect(send.diagnostics[0].messageJA.contains("「 (1)」") && send.diagnostics[0].hintJA?.contains("ブラウザー") == true)
        let receive = validate(copy, .receive)
        #expect(receive.isValid && receive.name?.kind == .serviceUsePlan && receive.rowCount > 0)
        #expect(receive.diagnostics.map(\.rule) == [.fileNameCopySuffix])
        // Firefox writes the number without a space; also a copy number.
        #expect(validate(NamedFile(name: file.name.replacingFirst(".CSV", with: "(2).CSV"), bytes: file.bytes), .send).errorRules == [.fileNameCopySuffix])
    }

    @Test("two files of one kind under one ファイル連番, the second saved as \" (1)\": the unit is refused with the cause named")
    func copySuffixDuplicates() throws {
        let unit = Fixtures.unit(.monthlyPlan)
        let plan = try #require(unit.first { $0.name.hasPrefix("UPPLAN") })
        let files = unit + [NamedFile(name: plan.name.replacingFirst(".CSV", with: " (1).CSV"), bytes: plan.bytes)]
        let reports = files.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name, profile: .receive) }
        let units = SendUnitValidator.validate(reports)
        #expect(units.count == 1)
        let duplicate = try #require(units[0].diagnostics.first { $0.rule == .unitDuplicateKind })
        #expect(duplicate.severity == .error && duplicate.hintJA?.contains("利用者ごとに同じファイル連番") == true)
    }

    @Test("CSVバージョン 202410 (4.1's issue month): a hint to write 202407, and the rows are still checked with the 4.1 layout")
    func issueMonthVersion() throws {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1)) { csv in
            csv.setAll(column: 0, "202410")
            csv.set(row: 1, column: col(.carePlanTable1, 18), "20250230")
        }
        let send = validate(file, .send)
        #expect(send.errorRules == [.versionIssueMonth, .notARealDate])
        let version = try #require(send.diagnostics.first { $0.rule == .versionIssueMonth })
        #expect(version.hintJA?.contains("202407") == true && version.messageJA.contains("第4.1版"))
        #expect(send.summary.version == .v202407)
        let receive = validate(file, .receive)
        #expect(receive.errorRules == [.notARealDate])
        #expect(receive.diagnostics.contains { $0.rule == .versionIssueMonth && $0.severity == .warning })
        // Without the bad date, a receiver reads the file.
        let clean = Fixtures.edited(Fixtures.file(.carePlanTable1)) { $0.setAll(column: 0, "202410") }
        let document = try #require(CarePlanDocument.validateAndRead(bytes: clean.bytes, fileName: clean.name, profile: .receive).document)
        #expect(document.records.count == 3)
        #expect(CarePlanDocument.validateAndRead(bytes: clean.bytes, fileName: clean.name).document == nil)
    }

    // MARK: - File names

    @Test("an empty recipient token names the token; a missing service type says so")
    func emptyTokens() {
        let file = Fixtures.file(.serviceResults)
        let parts = file.name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // UPJSK_YYYYMM_sender_11_recipient_43_timestamp.CSV: drop the recipient's number.
        var empty = parts
        empty[4] = ""
        let report = validate(NamedFile(name: empty.joined(separator: "_"), bytes: file.bytes), .send)
        #expect(report.errorRules == [.fileNameGrammar])
        #expect(report.diagnostics[0].messageJA.contains("送信先事業所番号が空です"))
        var missing = parts
        missing.remove(at: 5)
        let noType = validate(NamedFile(name: missing.joined(separator: "_"), bytes: file.bytes), .send)
        #expect(noType.diagnostics[0].messageJA.contains("サービス種類コードが足りません"))
    }

    // MARK: - Encodings

    @Test("a UTF-8 file is one error for the file, not one per item; a BOM is one error")
    func utf8IsOneError() throws {
        let file = Fixtures.file(.carePlanTable1)
        // The same file as a UTF-8 writer writes it.
        let utf8 = Array(try MS932.decode(file.bytes).utf8)
        let report = FileValidator.validate(bytes: utf8, fileName: file.name)
        let encoding = report.diagnostics.filter { $0.rule.rawValue.hasPrefix("encoding.") }
        #expect(encoding.count == 1 && encoding[0].rule == .encodingUTF8, "\(encoding.map(\.rule))")
        #expect(encoding[0].messageJA.contains("UTF-8") && encoding[0].hintJA?.contains("MS932") == true)
        #expect(report.errorCount == 1, "\(report.diagnostics.map { "\($0.rule.rawValue) No.\($0.item ?? 0)" })")

        // UTF-8 that happens to read as MS932 too (田中 = E7 94 B0 E4 B8 AD), and a 4-byte character (𠮷, F0 A0 AE B7,
        // which MS932 takes for a 外字 lead): still one error for the file.
        for name in ["田中　花子", "𠮷田　花子"] {
            // One 第1表 record whose only non-ASCII text is the name, written as UTF-8.
            let plan = Fixtures.file(.carePlanTable1)
            let csv = EditableCSV(plan.bytes)
            var row = csv.rows[0].map { value in value.unicodeScalars.allSatisfy(\.isASCII) ? value : "" }
            row[col(.carePlanTable1, 8)] = name
            var record: [UInt8] = []
            for (column, value) in row.enumerated() {
                if column > 0 { record.append(UInt8(ascii: ",")) }
                record += csv.quoted[0][column] ? Array("\"\(value)\"".utf8) : Array(value.utf8)
            }
            record += [0x0D, 0x0A]
            let utf8Report = FileValidator.validate(bytes: record, fileName: plan.name)
            let encoding = utf8Report.diagnostics.filter { $0.rule.rawValue.hasPrefix("encoding.") }
            #expect(encoding.map(\.rule) == [.encodingUTF8], "\(name): \(utf8Report.diagnostics.map(\.rule.rawValue))")
        }


        let bom = NamedFile(name: file.name, bytes: [0xEF, 0xBB, 0xBF] + file.bytes)
        let bomReport = validate(bom, .receive)
        #expect(bomReport.errorRules == [.encodingUTF8] && bomReport.errorCount == 1)
        #expect(bomReport.diagnostics[0].messageJA.contains("BOM"))
    }

    @Test("past the diagnostic cap a UTF-8 file still has its one error, and the validator does not trap")
    func utf8PastTheCap() {
        // 1,100 rows with a warning each (an all-zero 日割 mask), then three rows whose text is UTF-8.
        let plan = Fixtures.file(.serviceUsePlan)
        var csv = EditableCSV(plan.bytes)
        csv.rows = Array(repeating: csv.rows[0], count: 1_100)
        csv.quoted = Array(repeating: csv.quoted[0], count: 1_100)
        for row in csv.rows.indices { csv.rows[row][col(.serviceUsePlan, 11)] = String(repeating: "0", count: 31) }
        var bytes = csv.bytes
        let tail = EditableCSV(plan.bytes)
        for row in 0..<3 {
            for (column, value) in tail.rows[row].enumerated() {
                if column > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += tail.quoted[row][column] ? Array("\"\(value)\"".utf8) : Array(value.utf8)
            }
            bytes += [0x0D, 0x0A]
        }
        let report = FileValidator.validate(bytes: bytes, fileName: plan.name)
        #expect(report.diagnostics.count > FileValidator.diagnosticCap)
        #expect(report.diagnostics.contains { $0.rule == .encodingUTF8 })
    }

    // MARK: - Excel damage

    @Test("Excel's damage gets a hint: leading zeros dropped, dates with slashes, numbers in exponent form")
    func excelDamage() throws {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1)) { csv in
            csv.set(row: 0, column: col(.carePlanTable1, 3), "12345")
            csv.set(row: 1, column: col(.carePlanTable1, 18), "2025/05/01")
            csv.set(row: 2, column: col(.carePlanTable1, 13), "1.31E+09")
        }
        let report = validate(file, .send)
        let insured = try #require(report.diagnostics.first { $0.item == 3 })
        #expect(insured.hintJA?.contains("先頭の0") == true)
        let date = try #require(report.diagnostics.first { $0.item == 18 })
        #expect(date.hintJA?.contains("YYYYMMDD") == true && date.hintJA?.contains("Excel") == true)
        let exponent = try #require(report.diagnostics.first { $0.item == 13 })
        #expect(exponent.hintJA?.contains("指数表記") == true)
        // The row rules compare No.13 with the sender's number; that item is wrong already, so they say nothing more.
        #expect(!report.diagnostics.contains { $0.rule == .senderMismatch })
        #expect(report.diagnostics.filter { $0.item == 13 }.count == 1)
    }

    // MARK: - No masking

    @Test("a quoting problem does not hide the row's other rules: a missing TAIS code is reported beside unquoted free text")
    func quotingDoesNotMask() {
        let file = Fixtures.edited(Fixtures.file(.serviceUsePlan)) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") {
                csv.rows[row][col(.serviceUsePlan, 16)] = ""
                // プラン担当者名 is free text; unquote it on the same row.
                csv.quoted[row][col(.serviceUsePlan, 7)] = false
            }
        }
        let rules = validate(file, .send).errorRules
        #expect(rules.contains(.freeTextNotQuoted) && rules.contains(.conditionalRequired), "\(rules)")
    }

    @Test("a bad value in one item does not hide a row rule about another; the bad item gets no second report")
    func fieldErrorDoesNotMask() {
        let file = Fixtures.edited(Fixtures.file(.serviceUsePlan)) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") {
                csv.rows[row][col(.serviceUsePlan, 16)] = ""
                csv.rows[row][col(.serviceUsePlan, 12)] = "2599"  // 開始時刻 not a real time
            }
        }
        let report = validate(file, .send)
        // The 9999 pair rule reads the wrong start time: it says nothing more about it.
        #expect(report.errorRules == [.notARealDate, .conditionalRequired], "\(report.errorRules)")
        #expect(report.diagnostics.filter { $0.item == 12 }.count == report.diagnostics.filter { $0.rule == .notARealDate }.count)
    }

    @Test("bad 対象年月 keys in 第6表 are reported there, not as orphan rows of the 第7表 and 補足 that were fine")
    func brokenKeysDoNotBlameChildren() {
        let unit = Fixtures.unit(.monthlyPlan).map { file in
            file.name.hasPrefix("UPPLAN") ? Fixtures.edited(file) { $0.setAll(column: col(.serviceUsePlan, 5), "2025/06") } : file
        }
        let reports = unit.map(\.report)
        let units = SendUnitValidator.validate(reports)
        let errors = SendUnitValidator.errors(files: reports, unit: units)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.file?.hasPrefix("UPPLAN") == true }, "\(errors.map { "\($0.file ?? "") \($0.rule.rawValue)" })")
        #expect(units[0].diagnostics.contains { $0.rule == .unitOrphanRow && $0.severity == .warning })
        let planErrors = reports.first { $0.file.hasPrefix("UPPLAN") }!.diagnostics.filter { $0.severity == .error }
        // 2025/06 is longer than YYYYMM: too long, with Excel's hint.
        #expect(Set(planErrors.map(\.rule)) == [.tooLong], "\(planErrors.map(\.rule.rawValue))")
        #expect(planErrors.allSatisfy { $0.hintJA?.contains("YYYYMM") == true })
    }

    @Test("only the users of wrong-key rows are excused: another user's orphan row is still an error; a short parent row excuses its children")
    func brokenKeysExcuseOnlyTheirUsers() throws {
        // The first user's 対象年月 is wrong in 第6表; the last user has no 第6表 rows at all.
        let original = Fixtures.unit(.monthlyPlan)
        let planRows = EditableCSV(original.first { $0.name.hasPrefix("UPPLAN") }!.bytes).rows
        let first = planRows[0][col(.serviceUsePlan, 3)]
        let last = planRows[planRows.count - 1][col(.serviceUsePlan, 3)]
        #expect(first != last)
        let unit = original.map { file -> NamedFile in
            guard file.name.hasPrefix("UPPLAN") else { return file }
            return Fixtures.edited(file) { csv in
                for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 3)] == first { csv.rows[row][col(.serviceUsePlan, 5)] = "2025/06" }
                csv.removeRows { $0[col(.serviceUsePlan, 3)] == last }
            }
        }
        let reports = unit.map(\.report)
        let orphans = SendUnitValidator.validate(reports)[0].diagnostics.filter { $0.rule == .unitOrphanRow }
        #expect(orphans.contains { $0.severity == .warning })
        let blamed = orphans.filter { $0.severity == .error }
        #expect(!blamed.isEmpty && blamed.allSatisfy { $0.value?.contains(last) == true }, "\(blamed.map { $0.value ?? "" })")

        // A 第6表 whose rows are one item short: its users' 第7表 and 補足 rows are not blamed.
        let short = original.map { file -> NamedFile in
            guard file.name.hasPrefix("UPPLAN") else { return file }
            return Fixtures.edited(file) { csv in
                for row in csv.rows.indices {
                    csv.rows[row].removeLast()
                    csv.quoted[row].removeLast()
                }
            }
        }
        let shortReports = short.map(\.report)
        let shortErrors = SendUnitValidator.errors(files: shortReports, unit: SendUnitValidator.validate(shortReports))
        #expect(!shortErrors.isEmpty)
        #expect(shortErrors.allSatisfy { $0.file?.hasPrefix("UPPLAN") == true }, "\(shortErrors.map { "\($0.file ?? "") \($0.rule.rawValue)" })")
    }

    @Test("redacted diagnostics keep no value of a row: not in value, not in the user, not in hints or messages")
    func redactionKeepsNoValue() throws {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1)) { $0.set(row: 0, column: col(.carePlanTable1, 18), "1940/05/01") }
        let annex = Fixtures.edited(Fixtures.file(.serviceUseAnnex)) { csv in
            let last = csv.rows.lastIndex { $0[col(.serviceUseAnnex, 9)] == "999999" }!
            csv.rows[last][col(.serviceUseAnnex, 20)] = "7777"
        }
        let diagnostics = file.report.diagnostics + annex.report.diagnostics
        #expect(diagnostics.contains { $0.rule == .annexArithmetic } && diagnostics.contains { $0.hintJA != nil })
        for diagnostic in diagnostics {
            let text = String(decoding: try JSONEncoder().encode(diagnostic.redacted), as: UTF8.self)
            #expect(!text.contains("1940") && !text.contains("7777"), "\(text)")
            #expect(diagnostic.redacted.insuredNumber == nil)
        }
    }

    @Test("the field-count error names the first missing and the first extra column")
    func fieldCountNamesTheColumn() throws {
        let missing = Fixtures.edited(Fixtures.file(.carePlanTable1Deletion)) { $0.rows[1].removeLast(); $0.quoted[1].removeLast() }
        let short = try #require(validate(missing, .send).diagnostics.first { $0.rule == .fieldCount })
        let layout = FileLayout.current(.carePlanTable1Deletion)
        let last = layout.fields[layout.fields.count - 1]
        #expect(short.column == layout.fields.count && short.messageJA.contains("No.\(last.number)「\(last.name)」から後の1項目がありません"))
        let extra = Fixtures.edited(Fixtures.file(.carePlanTable1Deletion)) { $0.rows[0].append("x"); $0.quoted[0].append(false) }
        let long = try #require(validate(extra, .send).diagnostics.first { $0.rule == .fieldCount })
        #expect(long.column == layout.fields.count + 1 && long.messageJA.contains("1項目が余分です"))
    }

    // MARK: - Output

    @Test("problems of one cause are grouped with a count and the first rows, in text and JSON; each row's user is named")
    func grouping() throws {
        let file = Fixtures.edited(Fixtures.file(.carePlanTable1, users: 8)) { csv in
            for row in csv.rows.indices { csv.set(row: row, column: col(.carePlanTable1, 18), "2025/05/01") }
        }
        let report = validate(file, .send)
        #expect(report.errorCount == 8)
        let groups = DiagnosticGroup.group(report.diagnostics)
        #expect(groups.count == 1 && groups[0].count == 8 && groups[0].firstRows == [1, 2, 3, 4, 5])
        let text = ValidationText.render(reports: [report], units: [], showWarnings: true)
        #expect(text.contains("×8 同じ問題が8件（行 1, 2, 3, 4, 5 …）"))
        #expect(text.components(separatedBy: "[field.tooLong]").count == 2)
        let ungrouped = ValidationText.render(reports: [report], units: [], showWarnings: true, grouped: false)
        #expect(ungrouped.components(separatedBy: "[field.tooLong]").count == 9)
        let json = try JSONEncoder().encode(ValidationJSON(reports: [report], units: [], valid: false))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        let jsonGroups = try #require(files[0]["groups"] as? [[String: Any]])
        #expect(jsonGroups.count == 1 && jsonGroups[0]["count"] as? Int == 8)
        // The user of each row, for the sender's own table; gone when redacted.
        let insured = EditableCSV(file.bytes).rows.map { $0[col(.carePlanTable1, 3)] }
        #expect(report.diagnostics.map(\.insuredNumber) == insured.map { Optional($0) })
        #expect(report.diagnostics[0].redacted.insuredNumber == nil && report.diagnostics[0].redacted.value == nil)
    }

    // MARK: - Stated ranges

    @Test("stated ranges: 課題NO 0, 明細判別コード 0, limit slots out of order or 23 instead of 22, 限度額適用 dates reversed")
    func statedRanges() {
        let table2 = Fixtures.edited(Fixtures.file(.carePlanTable2)) { $0.set(row: 0, column: col(.carePlanTable2, 13), "00") }
        #expect(validate(table2, .send).errorRules == [.outOfRange])
        let plan = Fixtures.edited(Fixtures.file(.serviceUsePlan)) { csv in
            for row in csv.rows.indices where csv.rows[row][col(.serviceUsePlan, 15)].hasPrefix("17") { csv.rows[row][col(.serviceUsePlan, 19)] = "0" }
        }
        #expect(validate(plan, .send).errorRules == [.outOfRange])
        let slots = Fixtures.edited(Fixtures.file(.supplementaryUserInfo)) { csv in
            for item in 20...23 { csv.set(row: 0, column: col(.supplementaryUserInfo, item), "") }
            csv.set(row: 0, column: col(.supplementaryUserInfo, 24), "23")
            csv.set(row: 1, column: col(.supplementaryUserInfo, 14), "20250601")
            csv.set(row: 1, column: col(.supplementaryUserInfo, 15), "20250501")
        }
        let report = validate(slots, .send)
        #expect(report.diagnostics.filter { $0.rule == .limitSlots && $0.severity == .error }.count == 2)
        #expect(report.diagnostics.contains { $0.rule == .dateOrder && $0.item == 15 && $0.row == 2 })
        let mask = Fixtures.edited(Fixtures.file(.serviceUsePlan)) { $0.set(row: 0, column: col(.serviceUsePlan, 11), String(repeating: "0", count: 31)) }
        #expect(validate(mask, .send).diagnostics.contains { $0.rule == .conditionalNotApplicable && $0.item == 11 })
    }

    @Test("the 第7表 writer fills Nos.19–22 on the row that closes each type and sums them on 999999")
    func annexLimitColumns() throws {
        let file = Fixtures.file(.serviceUseAnnex)
        let document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
        let rows = document.records.compactMap { $0 as? ServiceUseAnnexRecord }
        let user = rows.filter { $0.insuredNumber == rows[0].insuredNumber }
        let total = try #require(user.first { $0.serviceCode == "999999" })
        var closingSum = 0
        for (index, row) in user.enumerated() where row.serviceCode != "999999" {
            let isSubtotal = row.serviceCode.hasSuffix("AAAA")
            let next = index + 1 < user.count ? user[index + 1] : nil
            let closesType = isSubtotal || !(next?.serviceCode.hasSuffix("AAAA") ?? false) && !(user.filter { $0.providerOfficeCode == row.providerOfficeCode }.count > 1)
            if closesType {
                #expect(row.unitsWithinCategoryLimit == row.serviceUnitsTotal, "\(row.serviceCode)")
                #expect(row.unitsWithinTypeLimit == row.serviceUnitsTotal && row.unitsOverTypeLimit == 0 && row.unitsOverCategoryLimit == 0)
                closingSum += row.unitsWithinCategoryLimit ?? 0
            } else {
                #expect(row.unitsWithinCategoryLimit == nil && row.totalCostCovered == nil, "detail row of a type with a subtotal: \(row.serviceCode)")
            }
        }
        #expect(total.unitsWithinCategoryLimit == closingSum && closingSum == total.serviceUnitsTotal)
        #expect(validate(file, .send).diagnostics.isEmpty)
    }
}
