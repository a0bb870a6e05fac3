// CarePlan Link — CarePlanCSV
// Rules that look at several items of a row, or at rows of one file together (keys, months, totals, order).
// Items are compared as bytes; Strings are made only for keys when they change and for messages.

/// Single-threaded; exclusivity checks are off for its state for the same reason as in ``CSVRecordReader``.
final class RowRules {
    let kind: FileKind
    let layout: FileLayout
    let name: CarePlanFileName?
    /// Column index of each item number (index = No.), -1 when absent in this version.
    let columnOfItem: [Int]
    // Trivial values (no reference counting on the per-row path).
    private let senderNumber: ShortBytes?
    private let recipientNumber: ShortBytes?
    private let senderServiceType: ShortBytes?
    private let tokenMonth: YearMonth?
    /// The file name's month token text (`000000` or YYYYMM), for 利用者補足情報.
    private let tokenMonthText: ShortBytes?
    private let version: CSVVersion
    @exclusivity(unchecked) private var firstRowOfKey: [RowKey: Int] = [:]
    @exclusivity(unchecked) private var firstMonthBytes: ShortBytes?
    @exclusivity(unchecked) private var firstMonth: YearMonth?
    @exclusivity(unchecked) private var reportedVersionApplicability = false
    @exclusivity(unchecked) private var previousOrder: (key: RowKey, numbers: [Int])?
    /// The last key defined or referenced, as bytes, so that the rows of one user cost no String work.
    @exclusivity(unchecked) private var lastKeyBytes: [UInt8] = []
    @exclusivity(unchecked) private var lastKey: RowKey?
    @exclusivity(unchecked) private var currentAnnex: (key: RowKey, user: AnnexUser)?
    /// The item that must name the recipient office in each user's rows (misaddressing guard), nil when the file's
    /// direction puts no partner in its rows; see ``addresseeItem(kind:name:)``.
    private let addresseeItem: Int?
    /// Per 0-based column: whether it is a key item.
    private let keyColumns: [Bool]
    /// The users none of whose rows so far named the recipient, with their first row. Only such users are kept, so a
    /// well-addressed file costs no memory here.
    @exclusivity(unchecked) private var unaddressedUsers: [RowKey: Int] = [:]
    /// The current block of one user's rows: its key, first row, whether it is the user's first block, and whether a
    /// row of it named the recipient.
    @exclusivity(unchecked) private var currentAddressee: (key: RowKey, firstRow: Int, first: Bool, named: Bool)?

    /// What a row did to the current key.
    enum KeyChange {
        /// The same user as the row before.
        case same
        /// A user not seen before in the file.
        case new
        /// A user seen before, after other users' rows.
        case repeated
    }

    /// What one user's 第7表 rows contain.
    private struct AnnexUser {
        var firstRow: Int
        var hasGrandTotal = false
        var detailRowsByType: [UInt16: Int] = [:]
        var subtotalTypes: Set<UInt16> = []
    }

    init(kind: FileKind, layout: FileLayout, name: CarePlanFileName?) {
        self.kind = kind
        self.layout = layout
        self.name = name
        var columns = [Int](repeating: -1, count: (layout.fields.map(\.number).max() ?? 0) + 1)
        for (index, field) in layout.fields.enumerated() { columns[field.number] = index }
        self.columnOfItem = columns
        self.senderNumber = name.map { ShortBytes($0.sender.number.utf8) }
        self.recipientNumber = name.map { ShortBytes($0.recipient.number.utf8) }
        self.senderServiceType = name?.grammar == .version4_1 ? name?.sender.serviceType.map { ShortBytes($0.utf8) } : nil
        self.tokenMonth = name?.month?.yearMonth
        self.tokenMonthText = name?.month.map { ShortBytes($0.description.utf8) }
        self.version = layout.version
        self.addresseeItem = Self.addresseeItem(kind: kind, name: name)
        var keyColumns = [Bool](repeating: false, count: layout.fields.count)
        for item in Self.keyItems(kind) where item < columns.count && columns[item] >= 0 { keyColumns[columns[item]] = true }
        self.keyColumns = keyColumns
    }

    /// Whether the 0-based `column` holds an item of the row's key (保険者番号, 被保険者番号 and the date or month).
    func isKeyColumn(_ column: Int) -> Bool { column < self.keyColumns.count && self.keyColumns[column] }

    /// Whether the 0-based `column` holds 保険者番号 or 被保険者番号 (items 2 and 3 in every layout).
    func isUserColumn(_ column: Int) -> Bool { column == self.columnOfItem[2] || column == self.columnOfItem[3] }

    /// Whether one of `items` already has an error in this row: a rule that reads it says nothing (the item's own
    /// error is the problem, and a second one from it would blame good items).
    /// Fixed arguments, not variadic: this runs for every row, and a variadic call allocates its array (measured:
    /// `careplan-bench csv` 0.86 s → 1.11 s with it).
    @inline(__always)
    private func anyBroken(_ first: Int, _ second: Int = 0, _ third: Int = 0, run: FileValidationRun) -> Bool {
        guard run.checkingRowRules else { return false }
        return [first, second, third].contains { item in item > 0 && (self.column(of: item).map { run.brokenColumns.contains($0 - 1) } ?? false) }
    }

    /// The items that make up the key a row defines or hangs off (the same items as ``define(_:_:run:)`` and
    /// ``reference(_:_:run:)`` read).
    private static func keyItems(_ kind: FileKind) -> [Int] {
        switch kind {
        case .supplementaryUserInfo: [2, 3, 4, 63]
        case .carePlanTable1: [2, 3, 14]
        case .carePlanTable2, .weeklyScheduleTable3, .serviceUsePlan, .serviceResults, .serviceUseAnnex: [2, 3, 5]
        case .basicUserInfoFamilyImage: []
        default: [2, 3, 4]
        }
    }

    /// 居宅介護支援 and 介護予防支援 (地域包括支援センター): offices that write plans rather than provide services.
    private static let careManagementTypes: Set<String> = ["43", "46"]

    /// Where the spec puts the partner in the rows: 第6表 No.20 サービス事業者コード and 第7表 No.7 サービス事業所コード name the
    /// provider a plan is sent to; 実績 No.6 プラン担当業者コード names the care-manager office it is sent to. A 第6・7表 sent to
    /// a care-management office, or 実績 sent by one, is the 委託 relay (委託先居宅 → 地域包括), whose rows name other offices:
    /// not checked. 3.x file names carry no service types, so a 3.x relay cannot be told apart and is checked like the
    /// direct flow (docs/INTERPRETATIONS.md).
    private static func addresseeItem(kind: FileKind, name: CarePlanFileName?) -> Int? {
        guard let name else { return nil }
        switch kind {
        case .serviceUsePlan, .serviceUseAnnex:
            if let type = name.recipient.serviceType, Self.careManagementTypes.contains(type) { return nil }
            return kind == .serviceUsePlan ? 20 : 7
        case .serviceResults:
            if let type = name.sender.serviceType, Self.careManagementTypes.contains(type) { return nil }
            return 6
        default:
            return nil
        }
    }

    private func column(of item: Int) -> Int? {
        item < self.columnOfItem.count && self.columnOfItem[item] >= 0 ? self.columnOfItem[item] + 1 : nil
    }

    // MARK: - Row checks

    func check(_ row: RowView, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        switch self.kind {
        case .supplementaryUserInfo:
            let linkedToPlan = row.equals(63, "000000")
            if linkedToPlan == row.equals(4, "00000000") {
                run.addAt(
                    reader, .error, .placeholderLink, column: self.column(of: 63), value: "\(row.string(4) ?? "")/\(row.string(63) ?? "")",
                    ja: "居宅サービス計画作成（変更）日と対象年月の一方だけを00000000/000000にします（1・2・3表なら対象年月=000000、6・7表なら作成日=00000000）",
                    en: "exactly one of 作成(変更)日 / 対象年月 is the placeholder: 対象年月=000000 with 第1・2・3表, 作成日=00000000 with 第6・7表")
            }
            if let token = self.tokenMonthText, !token.equals(row.bytes(63)) {
                run.addAt(
                    reader, .error, .monthMismatch, column: self.column(of: 63), value: row.string(63), ja: "ファイル名の提供年月（\(token.text)）と一致しません",
                    en: "does not match the file name's month token (\(token.text))")
            }
            if linkedToPlan {
                self.reference(row, 4, run: run)
            } else {
                self.reference(row, 63, run: run)
                self.checkMonth(row, 63, reader: reader, run: run)
            }
            self.unique(row, [4, 63], reader: reader, run: run)
            self.checkOffice(row, 61, equals: self.senderNumber, sender: true, reader: reader, run: run)
            self.checkDateOrder(row, earlier: 14, later: 15, reader: reader, run: run)
            self.checkLimitSlots(row, reader: reader, run: run)
        case .carePlanTable1:
            self.define(row, 14, run: run)
            self.unique(row, [14], reader: reader, run: run)
            self.checkOffice(row, 13, equals: self.senderNumber, sender: true, reader: reader, run: run)
            self.checkOffice(row, 27, equals: self.senderNumber, sender: true, reader: reader, run: run)
            self.checkDateOrder(row, earlier: 15, later: 14, reader: reader, run: run)
            self.checkDateOrder(row, earlier: 19, later: 20, reader: reader, run: run)
            let isOther = row.equals(25, "3")
            if self.anyBroken(25, 26, run: run) {
                // 算定理由 or その他理由 is wrong already.
            } else if isOther && !row.has(26) {
                run.addAt(reader, .warning, .conditionalRequired, column: self.column(of: 26), ja: "算定理由が3:その他のときはその他理由を設定します", en: "reason 3 (その他) expects その他理由")
            } else if !isOther && row.has(26) {
                run.addAt(reader, .warning, .conditionalNotApplicable, column: self.column(of: 26), ja: "算定理由が3:その他でないのにその他理由があります", en: "その他理由 is set but the reason is not 3")
            }
        case .carePlanTable2:
            self.reference(row, 5, run: run)
            for item in [6, 8, 13] { self.checkNotZero(row, item, ja: "1～99", en: "1–99", reader: reader, run: run) }
            self.checkOffice(row, 21, equals: self.senderNumber, sender: true, reader: reader, run: run)
            if let key = self.lastKey, !self.anyBroken(6, 8, 13, run: run) {
                let numbers = [6, 8, 13].map { ASCIIDigits.value(row.bytes($0)) ?? 0 }
                if let previous = self.previousOrder, previous.key == key, numbers.lexicographicallyPrecedes(previous.numbers) {
                    run.addAt(
                        reader, .warning, .rowOrder, column: self.column(of: 6), value: numbers.map(String.init).joined(separator: "-"),
                        ja: "課題NO・援助目標NO・援助内容NOの順に並んでいません", en: "rows are not in 課題NO/援助目標NO/援助内容NO order")
                }
                if !numbers.contains(0) { self.unique(row, [5, 6, 8, 13], reader: reader, run: run) }
                self.previousOrder = (key, numbers)
            }
        case .weeklyScheduleTable3:
            self.reference(row, 5, run: run)
        case .serviceUsePlan, .serviceResults:
            self.noteAddressee(row, self.define(row, 5, run: run))
            self.checkMonth(row, 5, reader: reader, run: run)
            self.checkServiceRow(row, reader: reader, run: run)
            self.checkNotZero(row, 19, ja: "1からの連番（1,2,3,…）", en: "a sequence from 1", reader: reader, run: run)
            if self.kind == .serviceUsePlan {
                self.checkOffice(row, 6, equals: self.senderNumber, sender: true, reader: reader, run: run)
            } else {
                self.checkOffice(row, 6, equals: self.recipientNumber, sender: false, reader: reader, run: run)
                self.checkOffice(row, 20, equals: self.senderNumber, sender: true, reader: reader, run: run)
                if let senderType = self.senderServiceType, row.bytes(15).count >= 2, !senderType.equals(UnsafeBufferPointer(rebasing: row.bytes(15)[0..<2])) {
                    let type = senderType.text
                    run.addAt(
                        reader, .warning, .serviceTypeMismatch, column: self.column(of: 15), value: row.string(15),
                        ja: "サービスコードの種類が送信元サービス種類（\(type)）と異なります", en: "service type differs from the sender's (\(type))")
                }
            }
            self.checkOffice(row, 24, equals: self.senderNumber, sender: true, reader: reader, run: run)
        case .serviceUseAnnex:
            self.noteAddressee(row, self.reference(row, 5, run: run))
            self.checkMonth(row, 5, reader: reader, run: run)
            self.checkOffice(row, 36, equals: self.senderNumber, sender: true, reader: reader, run: run)
            self.checkAnnexRow(row, reader: reader, run: run)
            // The limits are computed on 給付管理単位数 (No.18) where it is set; units outside the limit are in No.17 only.
            self.checkLimitArithmetic(row, total: row.has(18) ? 18 : 17, over: 19, within: 20, reader: reader, run: run)
            self.checkLimitArithmetic(row, total: 20, over: 21, within: 22, reader: reader, run: run)
        case .serviceUsePlanDeletion:
            self.checkMonth(row, 4, reader: reader, run: run)
            self.unique(row, [4], reader: reader, run: run)
        case .serviceResultsDeletion:
            self.checkMonth(row, 4, reader: reader, run: run)
            self.unique(row, [4, 5, 6], reader: reader, run: run)
            self.checkOffice(row, 5, equals: self.senderNumber, sender: true, reader: reader, run: run)
            if let senderType = self.senderServiceType, !senderType.equals(row.bytes(6)) {
                let type = senderType.text
                run.addAt(
                    reader, .warning, .serviceTypeMismatch, column: self.column(of: 6), value: row.string(6),
                    ja: "サービス種類コードが送信元サービス種類（\(type)）と異なります", en: "service type differs from the sender's (\(type))")
            }
        case .carePlanTable1Deletion, .basicUserInfoDeletion, .preventionPlanDeletion:
            self.unique(row, [4], reader: reader, run: run)
        case .basicUserInfo:
            self.define(row, 4, run: run)
            self.unique(row, [4], reader: reader, run: run)
            self.checkDateOrder(row, earlier: 24, later: 25, reader: reader, run: run)
            if let image = row.string(62), run.report.summary.referencedImages[image] == nil {
                run.report.summary.referencedImages[image] = row.row
            }
            if row.equals(8, "03") && !row.has(9) {
                run.addAt(reader, .warning, .conditionalRequired, column: self.column(of: 9), ja: "相談方法が03:その他のときは内容を設定します", en: "相談方法 03 (その他) expects its detail")
            }
        case .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .preventionPlanSupportDetails:
            self.reference(row, 4, run: run)
        case .preventionPlan:
            self.define(row, 4, run: run)
            self.unique(row, [4], reader: reader, run: run)
            self.checkDateOrder(row, earlier: 10, later: 11, reader: reader, run: run)
        case .basicUserInfoFamilyImage:
            break
        }
    }

    /// End-of-file checks.
    func finish(_ run: FileValidationRun) {
        if let current = self.currentAnnex { self.finishAnnexUser(current.key, current.user, run: run) }
        self.finishAddressees(run)
    }

    /// Notes whether this row names the recipient, for its user (the row's key is `lastKey`). The key update says
    /// whether the user changed, so a row of the same user costs one byte comparison, and the dictionary is touched
    /// only at the end of a user's block.
    private func noteAddressee(_ row: RowView, _ change: KeyChange) {
        guard let item = self.addresseeItem, let recipient = self.recipientNumber else { return }
        if change == .same, self.currentAddressee != nil {
            if !self.currentAddressee!.named && recipient.equals(row.bytes(item)) { self.currentAddressee!.named = true }
            return
        }
        guard let key = self.lastKey else { return }
        self.flushAddressee()
        self.currentAddressee = (key, row.row, change != .repeated, recipient.equals(row.bytes(item)))
    }

    /// A block that named the recipient clears its user; a user's first block that did not is remembered; a later
    /// block that did not changes nothing (the user is either cleared already or remembered already).
    private func flushAddressee() {
        guard let current = self.currentAddressee else { return }
        if current.named {
            if !self.unaddressedUsers.isEmpty { self.unaddressedUsers.removeValue(forKey: current.key) }
        } else if current.first {
            self.unaddressedUsers[current.key] = current.firstRow
        }
        self.currentAddressee = nil
    }

    /// Each user whose rows never name the recipient: the file (or the name) is addressed to the wrong office, and
    /// sending it would hand that user's data to an office that does not serve them.
    private func finishAddressees(_ run: FileValidationRun) {
        self.flushAddressee()
        guard let item = self.addresseeItem, let number = self.name?.recipient.number else { return }
        let itemName = self.layout.field(item)?.name ?? "No.\(item)"
        for (key, firstRow) in self.unaddressedUsers.sorted(by: { $0.value < $1.value }) {
            run.add(
                Diagnostic(
                    .error, .recipientNotInRows, file: run.fileName, row: firstRow, column: self.column(of: item), item: item, itemName: itemName,
                    value: key.description,
                    ja: "この利用者の行の\(itemName)に送信先の事業所番号（\(number)）がありません。宛先の事業所が正しいか確認してください",
                    en: "no row of this user names the recipient office \(number) in \(itemName); check that the unit is addressed to the right office"))
        }
    }

    /// Checks the totals of one user's 第7表 rows once they have ended.
    private func finishAnnexUser(_ key: RowKey, _ user: AnnexUser, run: FileValidationRun) {
        if !user.hasGrandTotal {
            run.add(
                Diagnostic(
                    .error, .missingTotalRow, file: run.fileName, row: user.firstRow, item: 9, itemName: "サービスコード", value: key.description,
                    ja: "この利用者の合計行（サービスコード999999・事業所コード9999999999）がありません",
                    en: "this user has no grand-total row (service code 999999, office 9999999999)"))
        }
        for (packed, count) in user.detailRowsByType.sorted(by: { $0.key < $1.key }) where count > 1 && !user.subtotalTypes.contains(packed) {
            let type = String(decoding: [UInt8(packed >> 8), UInt8(packed & 0xFF)], as: UTF8.self)
            run.add(
                Diagnostic(
                    .warning, .missingSubtotalRow, file: run.fileName, row: user.firstRow, item: 9, itemName: "サービスコード",
                    value: "\(key) \(type)", ja: "サービス種類\(type)の小計行（\(type)AAAA）がありません",
                    en: "no subtotal row (\(type)AAAA) for service type \(type)"))
        }
    }

    // MARK: - Keys

    /// Updates `lastKey` to this row's 保険者番号 + 被保険者番号 + `discriminator`; returns true when it changed.
    @discardableResult
    private func updateKey(_ row: RowView, _ discriminator: Int) -> Bool {
        let insurer = row.bytes(2)
        let insured = row.bytes(3)
        let other = row.bytes(discriminator)
        let length = insurer.count + insured.count + other.count + 2
        if self.lastKey != nil && length == self.lastKeyBytes.count {
            let same = self.lastKeyBytes.withUnsafeBufferPointer { last in
                Bytes.equal(UnsafeBufferPointer(rebasing: last[0..<insurer.count]), insurer)
                    && Bytes.equal(UnsafeBufferPointer(rebasing: last[(insurer.count + 1)..<(insurer.count + 1 + insured.count)]), insured)
                    && Bytes.equal(UnsafeBufferPointer(rebasing: last[(length - other.count)...]), other)
            }
            if same { return false }
        }
        self.lastKeyBytes.removeAll(keepingCapacity: true)
        self.lastKeyBytes.append(contentsOf: insurer)
        self.lastKeyBytes.append(0)
        self.lastKeyBytes.append(contentsOf: insured)
        self.lastKeyBytes.append(0)
        self.lastKeyBytes.append(contentsOf: other)
        self.lastKey = RowKey(insurerNumber: row.string(2) ?? "", insuredNumber: row.string(3) ?? "", discriminator: row.string(discriminator) ?? "")
        return true
    }

    @discardableResult
    private func define(_ row: RowView, _ discriminator: Int, run: FileValidationRun) -> KeyChange {
        guard self.updateKey(row, discriminator), let key = self.lastKey else { return .same }
        return run.report.summary.definedKeys.insert(key).inserted ? .new : .repeated
    }

    @discardableResult
    private func reference(_ row: RowView, _ discriminator: Int, run: FileValidationRun) -> KeyChange {
        guard self.updateKey(row, discriminator), let key = self.lastKey else { return .same }
        guard run.report.summary.referencedKeys[key] == nil else { return .repeated }
        run.report.summary.referencedKeys[key] = row.row
        return .new
    }

    /// 保険者番号 + 被保険者番号 + `items` must not repeat within the file.
    private func unique(_ row: RowView, _ items: [Int], reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        let key = RowKey(
            insurerNumber: row.string(2) ?? "", insuredNumber: row.string(3) ?? "", discriminator: items.map { row.string($0) ?? "" }.joined(separator: "-"))
        if let first = self.firstRowOfKey[key] {
            run.addAt(reader, .error, .duplicateKey, column: 2, value: key.description, ja: "キーが\(first)行目と重複しています", en: "duplicate key; first seen on row \(first)")
        } else {
            self.firstRowOfKey[key] = row.row
        }
    }

    // MARK: - Item rules

    private func checkMonth(_ row: RowView, _ item: Int, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        let bytes = row.bytes(item)
        if let first = self.firstMonthBytes {
            if !first.equals(bytes), let firstMonth = self.firstMonth {
                run.addAt(
                    reader, .error, .multipleMonths, column: self.column(of: item), value: row.string(item),
                    ja: "1ファイルに複数の対象年月があります（1行目は\(firstMonth)）", en: "more than one service month in the file (the first row has \(firstMonth))")
                if let month = YearMonth(digits: bytes) { run.report.summary.months.insert(month) }
            }
            return
        }
        guard let month = YearMonth(digits: bytes) else { return }
        self.firstMonthBytes = ShortBytes(bytes)
        self.firstMonth = month
        run.report.summary.months.insert(month)
        if let token = self.tokenMonth, token != month {
            run.addAt(
                reader, .error, .monthMismatch, column: self.column(of: item), value: month.description, ja: "ファイル名の対象年月（\(token)）と一致しません",
                en: "does not match the file name's month (\(token))")
        }
        if month < self.version.applicableFrom && !self.kind.isDeletion {
            run.addAt(
                reader, .warning, .versionNotApplicable, column: 1, value: self.version.rawValue,
                ja: "CSVバージョン\(self.version.rawValue)の適用開始は\(self.version.applicableFrom)提供分からです（対象年月\(month)）",
                en: "CSV version \(self.version.rawValue) applies from service month \(self.version.applicableFrom) (row month \(month))")
        }
    }

    private func checkOffice(
        _ row: RowView, _ item: Int, equals office: ShortBytes?, sender: Bool, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun
    ) {
        guard let office else { return }
        let value = row.bytes(item)
        guard !value.isEmpty, !office.equals(value) else { return }
        let number = office.text
        // A warning, not an error: in the 委託 relay flow these codes legitimately name another office.
        run.addAt(
            reader, .warning, .senderMismatch, column: self.column(of: item), value: row.string(item),
            ja: "ファイル名の\(sender ? "送信元" : "送信先")事業所番号（\(number)）と一致しません",
            en: "does not match the file name's \(sender ? "sender" : "recipient") office number (\(number))")
    }

    /// An item whose stated range starts at 1 (第2表 課題NO・援助目標NO・援助内容NO 「１～99」; 第6表・実績 明細判別コード
    /// 「1 からの連番」) holds 0.
    private func checkNotZero(_ row: RowView, _ item: Int, ja: String, en: String, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        guard row.has(item), ASCIIDigits.value(row.bytes(item)) == 0 else { return }
        let name = self.layout.field(item)?.name ?? "No.\(item)"
        run.addAt(
            reader, .error, .outOfRange, column: self.column(of: item), value: row.string(item), ja: "\(name)は\(ja)です（0は使えません）",
            en: "\(name) is \(en) (0 is not allowed)")
    }

    /// 利用者補足情報 Nos.20–55, nine slots of サービス種類コード + three amounts: 「１枠から順番に設定する」, and
    /// 「短期入所療養介護の場合は22:短期入所療養介護（介護老人保健施設）を設定する」 (so 23 and 2A never appear in a slot).
    private func checkLimitSlots(_ row: RowView, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        var firstEmpty: Int?
        // One gap is one problem, however many slots follow it.
        var reportedOrder = false
        for slot in 0..<9 {
            let item = 20 + slot * 4
            guard row.has(item) else {
                if firstEmpty == nil { firstEmpty = slot + 1 }
                if (1...3).contains(where: { row.has(item + $0) }) {
                    run.addAt(
                        reader, .warning, .limitSlots, column: self.column(of: item + 1), ja: "\(slot + 1)枠目にサービス種類コードがないのに金額・単位数があります",
                        en: "slot \(slot + 1) has amounts but no service type")
                }
                continue
            }
            if let empty = firstEmpty, !reportedOrder {
                reportedOrder = true
                run.addAt(
                    reader, .error, .limitSlots, column: self.column(of: item), value: row.string(item),
                    ja: "\(empty)枠目が空なのに\(slot + 1)枠目が設定されています（1枠から順番に設定します）", en: "slot \(slot + 1) is set while slot \(empty) is empty (fill from slot 1)")
            }
            if row.equals(item, "23") || row.equals(item, "2A") {
                run.addAt(
                    reader, .error, .limitSlots, column: self.column(of: item), value: row.string(item),
                    ja: "短期入所療養介護は種類別限度額管理では22を設定します", en: "短期入所療養介護 is set as 22 in the limit slots")
            }
        }
    }

    /// 第7表: where `total`, `over` and `within` are all set, within = total − over (種類支給限度基準内 = サービス単位 −
    /// 種類支給限度基準超; 区分支給限度基準内 = 種類支給限度基準内 − 区分支給限度基準超). A warning: the relation is the
    /// paper form's, not spec text.
    private func checkLimitArithmetic(
        _ row: RowView, total: Int, over: Int, within: Int, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun
    ) {
        guard !self.anyBroken(total, over, within, run: run), let totalUnits = ASCIIDigits.value(row.bytes(total)),
            let overUnits = ASCIIDigits.value(row.bytes(over)), let withinUnits = ASCIIDigits.value(row.bytes(within))
        else { return }
        // Lengths are checked (6 digits at most), but arithmetic on what a file says stays overflow-safe.
        let (expected, overflow) = totalUnits.subtractingReportingOverflow(overUnits)
        guard overflow || withinUnits != expected else { return }
        let names = [total, over, within].map { self.layout.field($0)?.name ?? "No.\($0)" }
        // The figures are a user's care data: they go in `value` (which servers drop), not in the message.
        run.addAt(
            reader, .warning, .annexArithmetic, column: self.column(of: within), value: "\(totalUnits) − \(overUnits) ≠ \(withinUnits)",
            ja: "\(names[2])が\(names[0])−\(names[1])と一致しません", en: "No.\(within) is not No.\(total) minus No.\(over)")
    }

    private func checkDateOrder(_ row: RowView, earlier: Int, later: Int, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        guard !self.anyBroken(earlier, later, run: run) else { return }
        let first = row.bytes(earlier)
        let second = row.bytes(later)
        // YYYYMMDD compares correctly as bytes.
        guard !first.isEmpty, !second.isEmpty, second.lexicographicallyPrecedes(first) else { return }
        run.addAt(
            reader, .error, .dateOrder, column: self.column(of: later), value: "\(row.string(earlier) ?? "") > \(row.string(later) ?? "")",
            ja: "\(self.layout.field(earlier)?.name ?? "No.\(earlier)")が\(self.layout.field(later)?.name ?? "No.\(later)")より後です",
            en: "item No.\(earlier) is after item No.\(later)")
    }

    /// 第6表 / 実績 row rules: date in month, 日割 mask, 9999 pairs, scope, TAIS codes.
    private func checkServiceRow(_ row: RowView, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        guard let month = YearMonth(digits: row.bytes(5)) else { return }
        if let date = CalendarDate(digits: row.bytes(10)), date.year != month.year || date.month != month.month {
            run.addAt(
                reader, .error, .dateOutsideMonth, column: self.column(of: 10), value: date.description, ja: "サービス利用日が対象年月（\(month)）の外です",
                en: "service date is outside the service month (\(month))")
        }
        if row.has(11), let mask = DayMask(digits: row.bytes(11)) {
            if let last = mask.lastDay {
                if last > month.dayCount {
                    run.addAt(
                        reader, .error, .dayMaskBeyondMonth, column: self.column(of: 11), value: mask.description,
                        ja: "\(month)は\(month.dayCount)日までですが\(last)日目が1です", en: "\(month) has \(month.dayCount) days but day \(last) is marked")
                }
            } else {
                // 「※日割り以外はNull（空）とする」: a mask without a billable day says 日割 where nothing is.
                run.addAt(
                    reader, .warning, .conditionalNotApplicable, column: self.column(of: 11), value: mask.description,
                    ja: "日割対象日がすべて0です（日割りでないときはNull）", en: "the 日割 mask has no day set (Null when not 日割)")
            }
        }
        if !self.anyBroken(12, 13, run: run), row.equals(12, "9999") != row.equals(13, "9999") {
            run.addAt(
                reader, .error, .untimedPair, column: self.column(of: 13), value: "\(row.string(12) ?? "")-\(row.string(13) ?? "")",
                ja: "開始・終了時刻の一方だけが9999です", en: "only one of start/end time is 9999")
        }
        self.checkEquipment(row, codeItem: 15, taisItem: 16, notificationItem: 17, detailItem: 19, reader: reader, run: run)
    }

    /// 第7表 row rules: totals, scope, TAIS codes; gathers per-user totals for `finish`.
    private func checkAnnexRow(_ row: RowView, reader: CSVRecordReader<some ByteSource>, run: FileValidationRun) {
        let code = row.bytes(9)
        guard code.count == 6, let key = self.lastKey else { return }
        if self.currentAnnex?.key != key {
            if let current = self.currentAnnex { self.finishAnnexUser(current.key, current.user, run: run) }
            // The file's referenced keys remember each user's first row: an earlier one means the rows came back.
            if let first = run.report.summary.referencedKeys[key], first < row.row {
                // Totals are checked per contiguous block of a user's rows, as the form prints them.
                run.addAt(
                    reader, .warning, .rowOrder, column: 3, value: key.description, ja: "同じ利用者の行が連続していません（合計は連続する行ごとに確認します）",
                    en: "this user's rows are not contiguous (totals are checked per contiguous block)")
            }
            self.currentAnnex = (key, AnnexUser(firstRow: row.row))
        }
        let type = LayoutChecks.pack(UnsafeBufferPointer(rebasing: code[0..<2]))
        let suffix = UnsafeBufferPointer(rebasing: code[2..<6])
        let isGrandTotal = Bytes.equal(code, "999999")
        let isSubtotal = !isGrandTotal && (Bytes.equal(suffix, "AAAA") || Bytes.equal(suffix, "EEEE") || Bytes.equal(suffix, "ZZZZ"))
        guard isGrandTotal || isSubtotal else {
            self.currentAnnex!.user.detailRowsByType[type, default: 0] += 1
            self.checkEquipment(row, codeItem: 9, taisItem: 10, notificationItem: 11, detailItem: nil, reader: reader, run: run)
            return
        }
        if isGrandTotal {
            self.currentAnnex!.user.hasGrandTotal = true
            if !row.equals(7, "9999999999") {
                run.addAt(
                    reader, .error, .totalRowValues, column: self.column(of: 7), value: row.string(7), ja: "合計行のサービス事業所コードは9999999999です",
                    en: "the grand-total row's office code is 9999999999")
            }
        } else if Bytes.equal(suffix, "AAAA") {
            self.currentAnnex!.user.subtotalTypes.insert(type)
        }
        if !row.equals(13, "0") {
            run.addAt(reader, .error, .totalRowValues, column: self.column(of: 13), value: row.string(13), ja: "小計・合計行の単位数は0です", en: "units are 0 on subtotal/total rows")
        }
        for item in [14, 15] where row.has(item) {
            run.addAt(
                reader, .error, .totalRowValues, column: self.column(of: item), value: row.string(item),
                ja: "小計・合計行の割引後率・割引後単位数はNullです", en: "discount items are Null on subtotal/total rows")
        }
    }

    /// Scope of the service type and the TAIS / 届出 either-or rule for 福祉用具貸与 (17, 67).
    private func checkEquipment(
        _ row: RowView, codeItem: Int, taisItem: Int, notificationItem: Int, detailItem: Int?, reader: CSVRecordReader<some ByteSource>,
        run: FileValidationRun
    ) {
        let code = row.bytes(codeItem)
        guard code.count >= 2, !self.anyBroken(codeItem, taisItem, notificationItem, run: run) else { return }
        let type = UnsafeBufferPointer(rebasing: code[0..<2])
        if ServiceTypeIndex.table[Int(LayoutChecks.pack(type))] == 2 {
            let text = String(decoding: type, as: UTF8.self)
            run.addAt(
                reader, .error, .serviceTypeNotExchanged, column: self.column(of: codeItem), value: row.string(codeItem),
                ja: "サービス種類\(text)（\(ServiceType.named(text)?.name ?? "")）は連携対象外です", en: "service type \(text) is outside the exchange scope")
        }
        // 3.x layouts have no TAIS items.
        guard self.column(of: taisItem) != nil else { return }
        let isEquipmentRental = Bytes.equal(type, "17") || Bytes.equal(type, "67")
        let hasCode = row.has(taisItem) || row.has(notificationItem)
        if isEquipmentRental && !hasCode {
            run.addAt(
                reader, .error, .conditionalRequired, column: self.column(of: taisItem), value: row.string(codeItem),
                ja: "福祉用具貸与（17/67）ではTAISコードか福祉用具届出コードのどちらかが必須です",
                en: "welfare equipment rental (17/67) needs a TAIS code or a notification code")
        } else if !isEquipmentRental && hasCode {
            run.addAt(
                reader, .warning, .conditionalNotApplicable, column: self.column(of: taisItem), value: row.string(codeItem),
                ja: "福祉用具貸与以外にTAIS/届出コードがあります", en: "TAIS/notification code on a service other than equipment rental")
        }
        if let detailItem, !isEquipmentRental, row.has(detailItem) {
            run.addAt(
                reader, .warning, .conditionalNotApplicable, column: self.column(of: detailItem), value: row.string(codeItem),
                ja: "明細判別コードは福祉用具貸与でのみ使います", en: "明細判別コード is used only for equipment rental")
        }
    }
}
