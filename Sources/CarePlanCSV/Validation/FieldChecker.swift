// CarePlan Link — CarePlanCSV
// Checks one field's raw MS932 bytes without building Strings; messages are built only when something is wrong.

/// The outcome of checking one field.
struct FieldProblem {
    var severity: Diagnostic.Severity = .error
    var rule: Rule
    var ja: String
    var en: String
    /// Offset of the problem within the field's value bytes, when it is a specific byte.
    var offsetInValue: Int?
}

enum FieldChecker {
    /// Returns the problems of one field (empty when valid). At most one format problem is reported per field.
    /// - Parameters:
    ///   - checkEncoding: false when the whole record is already known to be valid MS932.
    ///   - tolerant: the receive profile: deviations it reads without doubt are warnings (``ValidationProfile``).
    /// Problems whose wording needs the item's spec (format, code table) come back with empty messages; the caller
    /// fills them with ``wordFormatProblem(_:spec:)``, so that the hot path captures nothing.
    @inline(__always)
    static func check(
        _ value: UnsafeBufferPointer<UInt8>, quoted: Bool, column: ColumnCheck, codes: UnsafeBufferPointer<UInt16>, serviceTypes: UnsafeBufferPointer<UInt8>,
        checkEncoding: Bool, tolerant: Bool = false
    ) -> [FieldProblem] {
        if checkEncoding, let invalid = MS932.firstInvalidSequence(in: value) {
            let userDefined = invalid.reason == .userDefinedCharacter
            return [
                FieldProblem(
                    rule: userDefined ? .encodingUserDefined : .encodingUndefined,
                    ja: userDefined ? "外字（ユーザー定義文字）は使えません" : "MS932で定義されていないバイト列です",
                    en: userDefined ? "user-defined character (外字) is not allowed" : "byte sequence not defined in MS932",
                    offsetInValue: invalid.offset)
            ]
        }
        if value.isEmpty {
            return column.required ? [FieldProblem(rule: .required, ja: "必須項目が空です", en: "required item is empty")] : []
        }
        var problems: [FieldProblem] = []
        if column.isFreeText != quoted {
            problems.append(
                column.isFreeText
                    ? FieldProblem(
                        severity: tolerant ? .warning : .error, rule: .freeTextNotQuoted, ja: "フリーテキストが「\"」で囲まれていません",
                        en: "free text is not enclosed in double quotes")
                    : FieldProblem(severity: .warning, rule: .quotedNonFreeText, ja: "フリーテキスト以外の項目が「\"」で囲まれています", en: "a non-free-text item is quoted"))
        }
        if value.count > column.maxLength {
            if column.kind == .equipmentCode && Self.isFullWidthDashCode(value) {
                problems.append(
                    FieldProblem(
                        severity: tolerant ? .warning : .error, rule: .fullWidthDash, ja: "区切りが全角の「－」です（半角の「-」で12バイト）",
                        en: "the separator is the full-width dash － (the ASCII hyphen makes 12 bytes)", offsetInValue: 5))
                return problems
            }
            problems.append(
                FieldProblem(
                    rule: .tooLong, ja: "項目長\(column.maxLength)バイトを超えています（\(value.count)バイト）",
                    en: "longer than \(column.maxLength) bytes (\(value.count) bytes)"))
            return problems
        }
        if let problem = Self.checkFormat(value, column: column, codes: codes, serviceTypes: serviceTypes) {
            problems.append(problem)
        }
        return problems
    }

    /// `NNNNN－NNNNNN` with the full-width dash (MS932 0x817C), as in the spec's own example: 13 bytes.
    private static func isFullWidthDashCode(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        value.count == 13 && value[5] == 0x81 && value[6] == 0x7C && Self.digits(value, 0..<5) && Self.digits(value, 7..<13)
    }

    /// What to change, for the mistakes whose cause is known: Excel's damage to a CSV it opened and saved (leading
    /// zeros dropped, dates as 2025/05/01, numbers in exponent form), the spec's own full-width example, and free
    /// text written unquoted because it needed no quotes. Only called for a problem, never on the clean path. The texts
    /// never quote the value (it is care data, and `value` carries it for whoever may see it).
    static func hint(for rule: Rule, value: UnsafeBufferPointer<UInt8>, spec: FieldSpec) -> (ja: String, en: String)? {
        let text = String(decoding: value, as: UTF8.self)
        let isExponent = (try? #/-?[0-9](\.[0-9]+)?[Ee][+-]?[0-9]+/#.wholeMatch(in: text)) != nil
        if isExponent {
            return (
                "数値が指数表記（1.31E+09 の形）になっています。Excelで開いて保存すると長い番号がこうなります。Excelで開かずに出力したファイルを送ってください",
                "the number is in exponent form (like 1.31E+09), as Excel saves long numbers; send the file as the software wrote it, without opening it in Excel")
        }
        switch rule {
        case .freeTextNotQuoted:
            return (
                "カンマや改行を含まない値でも、フリーテキスト項目は「\"」で囲んで出力します（仕様の注記「フリーテキストは\"\"（半角）で囲い」）",
                "free-text items are always written in double quotes, even when the value needs none (the layout's footnote)")
        case .fullWidthDash:
            return ("区切りを半角の「-」にしてください（例: 00001-000010）。仕様書の例の「－」は組版上の表記です", "use the ASCII hyphen (00001-000010); the spec's full-width example is typesetting")
        case .format, .tooLong:
            break
        default:
            return nil
        }
        let digitsOnly = !value.isEmpty && value.allSatisfy { $0 &- 0x30 < 10 }
        switch spec.format {
        case .insuredNumber, .officeNumber, .insurerNumber:
            let width = spec.format == .insurerNumber ? 6 : 10
            if digitsOnly && value.count < width {
                return (
                    "\(width)桁に足りません。先頭の0が落ちている可能性があります（Excelで開いて保存すると数値として扱われます）。先頭を0で埋めて\(width)桁で出力してください",
                    "fewer than \(width) digits: leading zeros were probably dropped (Excel treats the column as a number); write all \(width) digits")
            }
        case .date, .dateOrZeros, .yearMonth, .yearMonthOrZeros:
            if (try? #/[0-9]{4}[\/-][0-9]{1,2}([\/-][0-9]{1,2})?/#.wholeMatch(in: text)) != nil {
                let month = spec.format == .yearMonth || spec.format == .yearMonthOrZeros
                return (
                    "区切りのある日付（2025/05/01 の形）です。\(month ? "YYYYMM（例: 202505）" : "YYYYMMDD（例: 20250501）")で出力してください。Excelで開いて保存すると日付がこの形に変わります",
                    "a date with separators (like 2025/05/01); write \(month ? "YYYYMM (202505)" : "YYYYMMDD (20250501)"). Excel rewrites dates this way when it saves a CSV")
            }
        default:
            break
        }
        return nil
    }

    /// A format problem, worded later by the caller.
    private static let formatProblem = FieldProblem(rule: .format, ja: "", en: "")

    /// Fills the wording of a problem that needs the item's spec.
    static func wordFormatProblem(_ problem: inout FieldProblem, spec: FieldSpec) {
        guard problem.ja.isEmpty else { return }
        if problem.rule == .unknownCode, case .code(let id) = spec.format {
            problem.ja = "コード表「\(id.rawValue)」にない値です"
            problem.en = "not a code of table \(id.rawValue)"
        } else {
            problem.ja = "書式が\(spec.format.japaneseDescription)ではありません"
            problem.en = "not a valid \(spec.format.englishDescription)"
        }
    }

    @inline(__always)
    private static func digits(_ value: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where value[index] &- 0x30 >= 10 { return false }
        return true
    }

    @inline(__always)
    private static func checkFormat(
        _ value: UnsafeBufferPointer<UInt8>, column: ColumnCheck, codes: UnsafeBufferPointer<UInt16>, serviceTypes: UnsafeBufferPointer<UInt8>
    ) -> FieldProblem? {
        let count = value.count
        switch column.kind {
        case .csvVersion, .insurerNumber:
            return count == 6 && Self.digits(value, 0..<6) ? nil : Self.formatProblem
        case .insuredNumber:
            guard count == 10 else { return Self.formatProblem }
            if Self.digits(value, 0..<10) { return nil }
            return value[0] == UInt8(ascii: "H") && Self.digits(value, 1..<10) ? nil : Self.formatProblem
        case .officeNumber:
            return count == 10 && Self.digits(value, 0..<10) ? nil : Self.formatProblem
        case .serviceTypeCode:
            return count == 2 && serviceTypes[Int(LayoutChecks.pack(value))] != 0 ? nil : Self.unknownCode("サービス種類コード", "service type code")
        case .serviceCode, .annexServiceCode:
            guard count == 6, value.allSatisfy(\.isASCIIDigitOrUppercase) else { return Self.formatProblem }
            if column.kind == .annexServiceCode && Bytes.equal(value, "999999") { return nil }
            return serviceTypes[Int(LayoutChecks.pack(UnsafeBufferPointer(rebasing: value[0..<2])))] != 0
                ? nil : Self.unknownCode("サービス種類コード", "service type code")
        case .code:
            let key = LayoutChecks.pack(value)
            for index in column.codeStart..<(column.codeStart + column.codeCount) where codes[index] == key { return nil }
            return FieldProblem(rule: .unknownCode, ja: "", en: "")
        case .date:
            return Self.checkDate(value)
        case .dateOrZeros:
            return Bytes.equal(value, "00000000") ? nil : Self.checkDate(value)
        case .yearMonth:
            return Self.checkYearMonth(value)
        case .yearMonthOrZeros:
            return Bytes.equal(value, "000000") ? nil : Self.checkYearMonth(value)
        case .time:
            guard count == 4, Self.digits(value, 0..<4) else { return Self.formatProblem }
            return ClockTime(digits: value) == nil ? Self.notReal("時刻", "time") : nil
        case .serviceTime:
            guard count == 4, Self.digits(value, 0..<4) else { return Self.formatProblem }
            return Bytes.equal(value, "9999") || ClockTime(digits: value) != nil ? nil : Self.notReal("時刻", "time")
        case .integer:
            return Self.digits(value, 0..<count) ? nil : Self.formatProblem
        case .signedInteger:
            let start = count > 1 && value[0] == UInt8(ascii: "-") ? 1 : 0
            return Self.digits(value, start..<count) ? nil : Self.formatProblem
        case .unitPrice:
            return UnitPrice(digits: value) == nil ? Self.formatProblem : nil
        case .dayMask:
            return DayMask(digits: value) == nil ? Self.formatProblem : nil
        case .postalCode:
            return count == 8 && value[3] == UInt8(ascii: "-") && Self.digits(value, 0..<3) && Self.digits(value, 4..<8) ? nil : Self.formatProblem
        case .phoneNumber:
            // The layouts give a length but no pattern for 電話番号: other characters are a warning only.
            for byte in value where !(byte &- 0x30 < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")) {
                return FieldProblem(severity: .warning, rule: .format, ja: "", en: "")
            }
            return nil
        case .equipmentCode:
            return count == 12 && value[5] == UInt8(ascii: "-") && Self.digits(value, 0..<5) && Self.digits(value, 6..<12) ? nil : Self.formatProblem
        case .text:
            for (offset, byte) in value.enumerated() where byte < 0x20 || byte == 0x7F {
                return FieldProblem(rule: .controlCharacter, ja: "制御文字が含まれています", en: "contains a control character", offsetInValue: offset)
            }
            return nil
        case .freeText:
            // Line breaks and tabs are allowed in free text; other control characters are not printable on the forms.
            for (offset, byte) in value.enumerated() where (byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09) || byte == 0x7F {
                return FieldProblem(rule: .controlCharacter, ja: "制御文字が含まれています", en: "contains a control character", offsetInValue: offset)
            }
            return nil
        }
    }

    private static func unknownCode(_ table: String, _ english: String) -> FieldProblem {
        FieldProblem(rule: .unknownCode, ja: "コード表「\(table)」にない値です", en: "not a code of table \(english)")
    }

    private static func notReal(_ ja: String, _ en: String) -> FieldProblem {
        FieldProblem(rule: .notARealDate, ja: "実在しない\(ja)です", en: "not a real \(en)")
    }

    private static func checkDate(_ value: UnsafeBufferPointer<UInt8>) -> FieldProblem? {
        guard value.count == 8, Self.digits(value, 0..<8) else { return Self.formatProblem }
        return CalendarDate(digits: value) == nil ? Self.notReal("日付", "date") : nil
    }

    private static func checkYearMonth(_ value: UnsafeBufferPointer<UInt8>) -> FieldProblem? {
        guard value.count == 6, Self.digits(value, 0..<6) else { return Self.formatProblem }
        return YearMonth(digits: value) == nil ? Self.notReal("年月", "month") : nil
    }
}
