// CarePlan Link — CarePlanCSV
// Checks one field's raw MS932 bytes against its FieldSpec without building Strings on the happy path.

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
    static func check(_ value: UnsafeBufferPointer<UInt8>, quoted: Bool, spec: FieldSpec) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let invalid = MS932.firstInvalidSequence(in: value) {
            let userDefined = invalid.reason == .userDefinedCharacter
            problems.append(
                FieldProblem(
                    rule: userDefined ? .encodingUserDefined : .encodingUndefined,
                    ja: userDefined ? "外字（ユーザー定義文字）は使えません" : "MS932で定義されていないバイト列です",
                    en: userDefined ? "user-defined character (外字) is not allowed" : "byte sequence not defined in MS932",
                    offsetInValue: invalid.offset))
            return problems
        }
        if value.isEmpty {
            if spec.requirement == .required {
                problems.append(FieldProblem(rule: .required, ja: "必須項目が空です", en: "required item is empty"))
            }
            return problems
        }
        if spec.isFreeText && !quoted {
            problems.append(FieldProblem(rule: .freeTextNotQuoted, ja: "フリーテキストが「\"」で囲まれていません", en: "free text is not enclosed in double quotes"))
        } else if !spec.isFreeText && quoted {
            problems.append(
                FieldProblem(severity: .warning, rule: .quotedNonFreeText, ja: "フリーテキスト以外の項目が「\"」で囲まれています", en: "a non-free-text item is quoted"))
        }
        if let maxLength = spec.maxLength, value.count > maxLength {
            problems.append(
                FieldProblem(rule: .tooLong, ja: "項目長\(maxLength)バイトを超えています（\(value.count)バイト）", en: "longer than \(maxLength) bytes (\(value.count) bytes)"))
            return problems
        }
        if let problem = Self.checkFormat(value, spec: spec) { problems.append(problem) }
        return problems
    }

    private static func formatProblem(_ spec: FieldSpec) -> FieldProblem {
        FieldProblem(rule: .format, ja: "書式が\(spec.format.japaneseDescription)ではありません", en: "not a valid \(spec.format.englishDescription)")
    }

    private static func checkFormat(_ value: UnsafeBufferPointer<UInt8>, spec: FieldSpec) -> FieldProblem? {
        switch spec.format {
        case .csvVersion:
            return value.count == 6 && ASCIIDigits.allDigits(value) ? nil : Self.formatProblem(spec)
        case .insurerNumber:
            return value.count == 6 && ASCIIDigits.allDigits(value) ? nil : Self.formatProblem(spec)
        case .insuredNumber:
            guard value.count == 10 else { return Self.formatProblem(spec) }
            if ASCIIDigits.allDigits(value) { return nil }
            return value[0] == UInt8(ascii: "H") && ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: value[1...])) ? nil : Self.formatProblem(spec)
        case .officeNumber:
            return value.count == 10 && ASCIIDigits.allDigits(value) ? nil : Self.formatProblem(spec)
        case .serviceTypeCode:
            return ServiceType.named(bytes: value) == nil ? Self.unknownCode("サービス種類コード", "service type code") : nil
        case .serviceCode:
            return Self.checkServiceCode(value, spec: spec, allowTotals: false)
        case .annexServiceCode:
            return Self.checkServiceCode(value, spec: spec, allowTotals: true)
        case .code(let id):
            guard let table = CodeTable.catalog[id] else { return Self.formatProblem(spec) }
            return table.contains(bytes: value) ? nil : Self.unknownCode(id.rawValue, id.rawValue)
        case .date:
            return Self.checkDate(value, spec: spec)
        case .dateOrZeros:
            return value.elementsEqual("00000000".utf8) ? nil : Self.checkDate(value, spec: spec)
        case .yearMonth:
            return Self.checkYearMonth(value, spec: spec)
        case .yearMonthOrZeros:
            return value.elementsEqual("000000".utf8) ? nil : Self.checkYearMonth(value, spec: spec)
        case .time:
            guard value.count == 4, ASCIIDigits.allDigits(value) else { return Self.formatProblem(spec) }
            return ClockTime(digits: value) == nil ? Self.notReal("時刻", "time") : nil
        case .serviceTime:
            guard value.count == 4, ASCIIDigits.allDigits(value) else { return Self.formatProblem(spec) }
            return ServiceTime(digits: value) == nil ? Self.notReal("時刻", "time") : nil
        case .integer(let signed):
            var digits = value
            if signed, value.count > 1, value[0] == UInt8(ascii: "-") { digits = UnsafeBufferPointer(rebasing: value[1...]) }
            return ASCIIDigits.allDigits(digits) ? nil : Self.formatProblem(spec)
        case .unitPrice:
            return UnitPrice(digits: value) == nil ? Self.formatProblem(spec) : nil
        case .dayMask:
            return DayMask(digits: value) == nil ? Self.formatProblem(spec) : nil
        case .postalCode:
            guard value.count == 8, value[3] == UInt8(ascii: "-"), ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: value[0..<3])),
                ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: value[4...]))
            else { return Self.formatProblem(spec) }
            return nil
        case .phoneNumber:
            for byte in value where !(byte &- 0x30 < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")) {
                return Self.formatProblem(spec)
            }
            return nil
        case .equipmentCode:
            guard value.count == 12, value[5] == UInt8(ascii: "-"), ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: value[0..<5])),
                ASCIIDigits.allDigits(UnsafeBufferPointer(rebasing: value[6...]))
            else { return Self.formatProblem(spec) }
            return nil
        case .text:
            for (offset, byte) in value.enumerated() where byte < 0x20 || byte == 0x7F {
                return FieldProblem(rule: .controlCharacter, ja: "制御文字が含まれています", en: "contains a control character", offsetInValue: offset)
            }
            return nil
        case .freeText:
            // Line breaks and tabs are allowed in free text; other control characters are not printable on the forms.
            for (offset, byte) in value.enumerated()
            where (byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09) || byte == 0x7F {
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

    private static func checkDate(_ value: UnsafeBufferPointer<UInt8>, spec: FieldSpec) -> FieldProblem? {
        guard value.count == 8, ASCIIDigits.allDigits(value) else { return Self.formatProblem(spec) }
        return CalendarDate(digits: value) == nil ? Self.notReal("日付", "date") : nil
    }

    private static func checkYearMonth(_ value: UnsafeBufferPointer<UInt8>, spec: FieldSpec) -> FieldProblem? {
        guard value.count == 6, ASCIIDigits.allDigits(value) else { return Self.formatProblem(spec) }
        return YearMonth(digits: value) == nil ? Self.notReal("年月", "month") : nil
    }

    /// 6 characters [0-9A-Z] whose first two are a known サービス種類コード; on 第7表 also subtotal and total codes.
    private static func checkServiceCode(_ value: UnsafeBufferPointer<UInt8>, spec: FieldSpec, allowTotals: Bool) -> FieldProblem? {
        guard value.count == 6, value.allSatisfy(\.isASCIIDigitOrUppercase) else { return Self.formatProblem(spec) }
        if allowTotals && value.elementsEqual("999999".utf8) { return nil }
        guard ServiceType.named(bytes: UnsafeBufferPointer(rebasing: value[0..<2])) != nil else {
            return Self.unknownCode("サービス種類コード", "service type code")
        }
        return nil
    }
}
