// CarePlan Link — CarePlanCSV
// Rules that look at several items of a row, or at rows of one file together (keys, months, totals, order).

final class RowRules {
    let kind: FileKind
    let layout: FileLayout
    let name: CarePlanFileName?
    /// Column index of each item number present in this version.
    private let columns: [Int: Int]
    private var firstRowOfKey: [RowKey: Int] = [:]
    private var firstMonth: YearMonth?
    private var reportedVersionApplicability = false
    private var previousOrder: (key: RowKey, numbers: [Int])?
    private var annexUsers: [RowKey: AnnexUser] = [:]

    /// What one user's 第7表 rows contain.
    private struct AnnexUser {
        var firstRow: Int
        var hasGrandTotal = false
        var detailRowsByType: [String: Int] = [:]
        var subtotalTypes: Set<String> = []
    }

    init(kind: FileKind, layout: FileLayout, name: CarePlanFileName?) {
        self.kind = kind
        self.layout = layout
        self.name = name
        self.columns = Dictionary(uniqueKeysWithValues: layout.fields.enumerated().map { ($1.number, $0) })
    }

    // MARK: - Field access

    private func raw(_ reader: CSVRecordReader<some ByteSource>, _ item: Int) -> String? {
        guard let column = self.columns[item] else { return nil }
        return reader.withField(column) { bytes in
            bytes.isEmpty ? nil : (try? MS932.decode(bytes)) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    private func key(_ reader: CSVRecordReader<some ByteSource>, _ discriminatorItem: Int) -> RowKey? {
        guard let insurer = self.raw(reader, 2), let insured = self.raw(reader, 3), let discriminator = self.raw(reader, discriminatorItem) else {
            return nil
        }
        return RowKey(insurerNumber: insurer, insuredNumber: insured, discriminator: discriminator)
    }

    private func column(of item: Int) -> Int? { self.columns[item].map { $0 + 1 } }

    // MARK: - Row checks

    func check(_ reader: CSVRecordReader<some ByteSource>, run: FileValidationRun, fieldsClean: Bool) {
        // Cross-item rules assume each item is well-formed; a row with field errors has already been reported.
        guard fieldsClean else { return }
        let row = reader.recordNumber
        switch self.kind {
        case .supplementaryUserInfo:
            let planDate = self.raw(reader, 4)
            let month = self.raw(reader, 63)
            let linkedToPlan = month == "000000"
            if linkedToPlan == (planDate == "00000000") {
                run.addAt(
                    reader, .error, .placeholderLink, column: self.column(of: 63), value: "\(planDate ?? "")/\(month ?? "")",
                    ja: "居宅サービス計画作成（変更）日と対象年月の一方だけを00000000/000000にします（1・2・3表なら対象年月=000000、6・7表なら作成日=00000000）",
                    en: "exactly one of 作成(変更)日 / 対象年月 is the placeholder: 対象年月=000000 with 第1・2・3表, 作成日=00000000 with 第6・7表")
            }
            if let month, let token = self.name?.month, token.description != month {
                run.addAt(
                    reader, .error, .monthMismatch, column: self.column(of: 63), value: month, ja: "ファイル名の提供年月（\(token)）と一致しません",
                    en: "does not match the file name's month token (\(token))")
            }
            if linkedToPlan {
                self.reference(reader, discriminatorItem: 4, run: run)
            } else {
                self.reference(reader, discriminatorItem: 63, run: run)
                self.checkMonth(reader, item: 63, run: run)
            }
            self.unique(reader, items: [4, 63], run: run)
            self.checkOffice(reader, item: 61, equals: self.name?.sender, what: "送信元", run: run)
        case .carePlanTable1:
            self.define(reader, discriminatorItem: 14, unique: true, run: run)
            self.checkOffice(reader, item: 13, equals: self.name?.sender, what: "送信元", run: run)
            self.checkOffice(reader, item: 27, equals: self.name?.sender, what: "送信元", run: run)
            self.checkDateOrder(reader, earlier: 15, later: 14, run: run)
            self.checkDateOrder(reader, earlier: 19, later: 20, run: run)
            let reason = self.raw(reader, 25)
            let other = self.raw(reader, 26)
            if reason == "3" && other == nil {
                run.addAt(reader, .warning, .conditionalRequired, column: self.column(of: 26), ja: "算定理由が3:その他のときはその他理由を設定します", en: "reason 3 (その他) expects その他理由")
            } else if reason != "3" && other != nil {
                run.addAt(reader, .warning, .conditionalNotApplicable, column: self.column(of: 26), ja: "算定理由が3:その他でないのにその他理由があります", en: "その他理由 is set but the reason is not 3")
            }
        case .carePlanTable2:
            self.reference(reader, discriminatorItem: 5, run: run)
            self.checkOffice(reader, item: 21, equals: self.name?.sender, what: "送信元", run: run)
            if let key = self.key(reader, 5) {
                let numbers = [6, 8, 13].map { self.raw(reader, $0).flatMap { Int($0) } ?? 0 }
                if let previous = self.previousOrder, previous.key == key, numbers.lexicographicallyPrecedes(previous.numbers) {
                    run.addAt(
                        reader, .warning, .rowOrder, column: self.column(of: 6), value: numbers.map(String.init).joined(separator: "-"),
                        ja: "課題NO・援助目標NO・援助内容NOの順に並んでいません", en: "rows are not in 課題NO/援助目標NO/援助内容NO order")
                }
                if !numbers.contains(0) { self.unique(reader, items: [5, 6, 8, 13], run: run) }
                self.previousOrder = (key, numbers)
            }
        case .weeklyScheduleTable3:
            self.reference(reader, discriminatorItem: 5, run: run)
        case .serviceUsePlan, .serviceResults:
            self.define(reader, discriminatorItem: 5, unique: false, run: run)
            self.checkMonth(reader, item: 5, run: run)
            self.checkServiceRow(reader, run: run)
            if self.kind == .serviceUsePlan {
                self.checkOffice(reader, item: 6, equals: self.name?.sender, what: "送信元", run: run)
            } else {
                self.checkOffice(reader, item: 6, equals: self.name?.recipient, what: "送信先", run: run)
                self.checkOffice(reader, item: 20, equals: self.name?.sender, what: "送信元", run: run)
                if let code = self.raw(reader, 15), let senderType = self.name?.sender.serviceType, self.name?.grammar == .version4_1,
                    !code.hasPrefix(senderType)
                {
                    run.addAt(
                        reader, .warning, .serviceTypeMismatch, column: self.column(of: 15), value: code,
                        ja: "サービスコードの種類が送信元サービス種類（\(senderType)）と異なります", en: "service type differs from the sender's (\(senderType))")
                }
            }
            self.checkOffice(reader, item: 24, equals: self.name?.sender, what: "送信元", run: run)
        case .serviceUseAnnex:
            self.reference(reader, discriminatorItem: 5, run: run)
            self.checkMonth(reader, item: 5, run: run)
            self.checkOffice(reader, item: 36, equals: self.name?.sender, what: "送信元", run: run)
            self.checkAnnexRow(reader, run: run)
        case .serviceUsePlanDeletion:
            self.checkMonth(reader, item: 4, run: run)
            self.unique(reader, items: [4], run: run)
        case .serviceResultsDeletion:
            self.checkMonth(reader, item: 4, run: run)
            self.unique(reader, items: [4, 5, 6], run: run)
            self.checkOffice(reader, item: 5, equals: self.name?.sender, what: "送信元", run: run)
            if let type = self.raw(reader, 6), let senderType = self.name?.sender.serviceType, self.name?.grammar == .version4_1, type != senderType {
                run.addAt(
                    reader, .warning, .serviceTypeMismatch, column: self.column(of: 6), value: type,
                    ja: "サービス種類コードが送信元サービス種類（\(senderType)）と異なります", en: "service type differs from the sender's (\(senderType))")
            }
        case .carePlanTable1Deletion, .basicUserInfoDeletion, .preventionPlanDeletion:
            self.unique(reader, items: [4], run: run)
        case .basicUserInfo:
            self.define(reader, discriminatorItem: 4, unique: true, run: run)
            self.checkDateOrder(reader, earlier: 24, later: 25, run: run)
            if let image = self.raw(reader, 62), run.report.summary.referencedImages[image] == nil {
                run.report.summary.referencedImages[image] = row
            }
            if self.raw(reader, 8) == "03" && self.raw(reader, 9) == nil {
                run.addAt(reader, .warning, .conditionalRequired, column: self.column(of: 9), ja: "相談方法が03:その他のときは内容を設定します", en: "相談方法 03 (その他) expects its detail")
            }
        case .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .preventionPlanSupportDetails:
            self.reference(reader, discriminatorItem: 4, run: run)
        case .preventionPlan:
            self.define(reader, discriminatorItem: 4, unique: true, run: run)
            self.checkDateOrder(reader, earlier: 10, later: 11, run: run)
        case .basicUserInfoFamilyImage:
            break
        }
    }

    /// End-of-file checks.
    func finish(_ run: FileValidationRun) {
        guard self.kind == .serviceUseAnnex else { return }
        for (key, user) in self.annexUsers.sorted(by: { $0.value.firstRow < $1.value.firstRow }) {
            if !user.hasGrandTotal {
                run.add(
                    Diagnostic(
                        .error, .missingTotalRow, file: run.fileName, row: user.firstRow, item: 9, itemName: "サービスコード", value: key.description,
                        ja: "この利用者の合計行（サービスコード999999・事業所コード9999999999）がありません",
                        en: "this user has no grand-total row (service code 999999, office 9999999999)"))
            }
            for (type, count) in user.detailRowsByType.sorted(by: { $0.key < $1.key }) where count > 1 && !user.subtotalTypes.contains(type) {
                run.add(
                    Diagnostic(
                        .warning, .missingSubtotalRow, file: run.fileName, row: user.firstRow, item: 9, itemName: "サービスコード",
                        value: "\(key) \(type)", ja: "サービス種類\(type)の小計行（\(type)AAAA）がありません",
                        en: "no subtotal row (\(type)AAAA) for service type \(type)"))
            }
        }
    }

    // MARK: - Helpers

    private func define(_ reader: CSVRecordReader<some ByteSource>, discriminatorItem: Int, unique: Bool, run: FileValidationRun) {
        guard let key = self.key(reader, discriminatorItem) else { return }
        run.report.summary.definedKeys.insert(key)
        if unique { self.unique(reader, items: [discriminatorItem], run: run) }
    }

    private func reference(_ reader: CSVRecordReader<some ByteSource>, discriminatorItem: Int, run: FileValidationRun) {
        guard let key = self.key(reader, discriminatorItem), run.report.summary.referencedKeys[key] == nil else { return }
        run.report.summary.referencedKeys[key] = reader.recordNumber
    }

    /// 保険者番号 + 被保険者番号 + `items` must not repeat within the file.
    private func unique(_ reader: CSVRecordReader<some ByteSource>, items: [Int], run: FileValidationRun) {
        guard let insurer = self.raw(reader, 2), let insured = self.raw(reader, 3) else { return }
        let rest = items.map { self.raw(reader, $0) ?? "" }.joined(separator: "-")
        let key = RowKey(insurerNumber: insurer, insuredNumber: insured, discriminator: rest)
        if let first = self.firstRowOfKey[key] {
            run.addAt(
                reader, .error, .duplicateKey, column: 2, value: key.description, ja: "キーが\(first)行目と重複しています",
                en: "duplicate key; first seen on row \(first)")
        } else {
            self.firstRowOfKey[key] = reader.recordNumber
        }
    }

    private func checkMonth(_ reader: CSVRecordReader<some ByteSource>, item: Int, run: FileValidationRun) {
        guard let text = self.raw(reader, item), let month = YearMonth(text) else { return }
        run.report.summary.months.insert(month)
        if let first = self.firstMonth {
            if first != month {
                run.addAt(
                    reader, .error, .multipleMonths, column: self.column(of: item), value: text, ja: "1ファイルに複数の対象年月があります（1行目は\(first)）",
                    en: "more than one service month in the file (the first row has \(first))")
            }
        } else if let token = self.name?.month?.yearMonth, token != month {
            run.addAt(
                reader, .error, .monthMismatch, column: self.column(of: item), value: text, ja: "ファイル名の対象年月（\(token)）と一致しません",
                en: "does not match the file name's month (\(token))")
        }
        if self.firstMonth == nil { self.firstMonth = month }
        if !self.reportedVersionApplicability, month < self.layout.version.applicableFrom, !self.kind.isDeletion {
            self.reportedVersionApplicability = true
            run.addAt(
                reader, .warning, .versionNotApplicable, column: 1, value: self.layout.version.rawValue,
                ja: "CSVバージョン\(self.layout.version.rawValue)の適用開始は\(self.layout.version.applicableFrom)提供分からです（対象年月\(month)）",
                en: "CSV version \(self.layout.version.rawValue) applies from service month \(self.layout.version.applicableFrom) (row month \(month))")
        }
    }

    private func checkOffice(_ reader: CSVRecordReader<some ByteSource>, item: Int, equals office: OfficeID?, what: String, run: FileValidationRun) {
        guard let office, let value = self.raw(reader, item), value != office.number else { return }
        run.addAt(
            // A warning, not an error: in the 委託 relay flow these codes legitimately name another office.
            reader, .warning, .senderMismatch, column: self.column(of: item), value: value,
            ja: "ファイル名の\(what)事業所番号（\(office.number)）と一致しません",
            en: "does not match the file name's \(what == "送信元" ? "sender" : "recipient") office number (\(office.number))")
    }

    private func checkDateOrder(_ reader: CSVRecordReader<some ByteSource>, earlier: Int, later: Int, run: FileValidationRun) {
        guard let first = self.raw(reader, earlier), let second = self.raw(reader, later), first > second else { return }
        let earlierName = self.layout.field(earlier)?.name ?? "No.\(earlier)"
        let laterName = self.layout.field(later)?.name ?? "No.\(later)"
        run.addAt(
            reader, .error, .dateOrder, column: self.column(of: later), value: "\(first) > \(second)", ja: "\(earlierName)が\(laterName)より後です",
            en: "item No.\(earlier) is after item No.\(later)")
    }

    /// 第6表 / 実績 row rules: date in month, 日割 mask, 9999 pairs, scope, TAIS codes.
    private func checkServiceRow(_ reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        guard let monthText = self.raw(reader, 5), let month = YearMonth(monthText) else { return }
        if let dateText = self.raw(reader, 10), let date = CalendarDate(dateText), date.yearMonth != month {
            run.addAt(
                reader, .error, .dateOutsideMonth, column: self.column(of: 10), value: dateText, ja: "サービス利用日が対象年月（\(month)）の外です",
                en: "service date is outside the service month (\(month))")
        }
        if let maskText = self.raw(reader, 11), let mask = DayMask(maskText), let last = mask.lastDay, last > month.dayCount {
            run.addAt(
                reader, .error, .dayMaskBeyondMonth, column: self.column(of: 11), value: maskText,
                ja: "\(month)は\(month.dayCount)日までですが\(last)日目が1です", en: "\(month) has \(month.dayCount) days but day \(last) is marked")
        }
        let start = self.raw(reader, 12)
        let end = self.raw(reader, 13)
        if (start == "9999") != (end == "9999") {
            run.addAt(
                reader, .error, .untimedPair, column: self.column(of: 13), value: "\(start ?? "")-\(end ?? "")",
                ja: "開始・終了時刻の一方だけが9999です", en: "only one of start/end time is 9999")
        }
        if let code = self.raw(reader, 15) {
            self.checkEquipment(reader, serviceCode: code, taisItem: 16, notificationItem: 17, detailItem: 19, codeItem: 15, run: run)
        }
    }

    /// 第7表 row rules: totals, scope, TAIS codes; gathers per-user totals for `finish`.
    private func checkAnnexRow(_ reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        guard let code = self.raw(reader, 9), let key = self.key(reader, 5) else { return }
        var user = self.annexUsers[key] ?? AnnexUser(firstRow: reader.recordNumber)
        let type = String(code.prefix(2))
        let suffix = code.dropFirst(2)
        let isGrandTotal = code == "999999"
        let isSubtotal = !isGrandTotal && (suffix == "AAAA" || suffix == "EEEE" || suffix == "ZZZZ")
        if isGrandTotal || isSubtotal {
            if isGrandTotal {
                user.hasGrandTotal = true
                if let office = self.raw(reader, 7), office != "9999999999" {
                    run.addAt(
                        reader, .error, .totalRowValues, column: self.column(of: 7), value: office, ja: "合計行のサービス事業所コードは9999999999です",
                        en: "the grand-total row's office code is 9999999999")
                }
            } else if suffix == "AAAA" {
                user.subtotalTypes.insert(type)
            }
            if let units = self.raw(reader, 13), units != "0" {
                run.addAt(reader, .error, .totalRowValues, column: self.column(of: 13), value: units, ja: "小計・合計行の単位数は0です", en: "units are 0 on subtotal/total rows")
            }
            for item in [14, 15] where self.raw(reader, item) != nil {
                run.addAt(
                    reader, .error, .totalRowValues, column: self.column(of: item), value: self.raw(reader, item),
                    ja: "小計・合計行の割引後率・割引後単位数はNullです", en: "discount items are Null on subtotal/total rows")
            }
        } else {
            user.detailRowsByType[type, default: 0] += 1
            self.checkEquipment(reader, serviceCode: code, taisItem: 10, notificationItem: 11, detailItem: nil, codeItem: 9, run: run)
        }
        self.annexUsers[key] = user
    }

    /// Scope of the service type and the TAIS / 届出 either-or rule for 福祉用具貸与 (17, 67).
    private func checkEquipment(
        _ reader: CSVRecordReader<some ByteSource>, serviceCode: String, taisItem: Int, notificationItem: Int, detailItem: Int?, codeItem: Int,
        run: FileValidationRun
    ) {
        let type = String(serviceCode.prefix(2))
        if let serviceType = ServiceType.named(type), !serviceType.isExchanged {
            run.addAt(
                reader, .error, .serviceTypeNotExchanged, column: self.column(of: codeItem), value: serviceCode,
                ja: "サービス種類\(type)（\(serviceType.name)）は連携対象外です", en: "service type \(type) is outside the exchange scope")
        }
        // 3.x layouts have no TAIS items.
        guard self.columns[taisItem] != nil else { return }
        let isEquipmentRental = type == "17" || type == "67"
        let hasCode = self.raw(reader, taisItem) != nil || self.raw(reader, notificationItem) != nil
        if isEquipmentRental && !hasCode {
            run.addAt(
                reader, .error, .conditionalRequired, column: self.column(of: taisItem), value: serviceCode,
                ja: "福祉用具貸与（17/67）ではTAISコードか福祉用具届出コードのどちらかが必須です",
                en: "welfare equipment rental (17/67) needs a TAIS code or a notification code")
        } else if !isEquipmentRental && hasCode {
            run.addAt(
                reader, .warning, .conditionalNotApplicable, column: self.column(of: taisItem), value: serviceCode,
                ja: "福祉用具貸与以外にTAIS/届出コードがあります", en: "TAIS/notification code on a service other than equipment rental")
        }
        if let detailItem, !isEquipmentRental, self.raw(reader, detailItem) != nil {
            run.addAt(
                reader, .warning, .conditionalNotApplicable, column: self.column(of: detailItem), value: serviceCode,
                ja: "明細判別コードは福祉用具貸与でのみ使います", en: "明細判別コード is used only for equipment rental")
        }
    }
}
