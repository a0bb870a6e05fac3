// CarePlan Link — CarePlanCSV
// A layout compiled into plain values for the per-field hot loop: no Strings, no reference counting.

/// How one column is checked; a trivial value type derived from its ``FieldSpec``.
struct ColumnCheck {
    enum Kind: UInt8 {
        case csvVersion, insurerNumber, insuredNumber, officeNumber, serviceTypeCode, serviceCode, annexServiceCode, code
        case date, dateOrZeros, yearMonth, yearMonthOrZeros, time, serviceTime, integer, signedInteger, unitPrice, dayMask
        case postalCode, phoneNumber, equipmentCode, text, freeText
    }

    let kind: Kind
    /// Maximum MS932 bytes; `Int.max` = free length.
    let maxLength: Int
    let required: Bool
    /// The allowed codes of a `.code` column: `codes[codeStart..<codeStart + codeCount]` of ``LayoutChecks``.
    let codeStart: Int
    let codeCount: Int

    var isFreeText: Bool { self.kind == .freeText }
}

/// The compiled checks of a layout, plus lookup tables shared by all columns.
struct LayoutChecks {
    let columns: [ColumnCheck]
    /// Allowed codes of every code column, each packed as big-endian UInt16 (all codes are 1 or 2 ASCII bytes).
    let codes: [UInt16]

    init(_ layout: FileLayout) {
        var codes: [UInt16] = []
        self.columns = layout.fields.map { spec in
            let kind: ColumnCheck.Kind
            var codeStart = 0
            var codeCount = 0
            switch spec.format {
            case .csvVersion: kind = .csvVersion
            case .insurerNumber: kind = .insurerNumber
            case .insuredNumber: kind = .insuredNumber
            case .officeNumber: kind = .officeNumber
            case .serviceTypeCode: kind = .serviceTypeCode
            case .serviceCode: kind = .serviceCode
            case .annexServiceCode: kind = .annexServiceCode
            case .code(let id):
                kind = .code
                let packed = (CodeTable.catalog[id]?.entries ?? []).map { LayoutChecks.pack(Array($0.code.utf8)) }
                codeStart = codes.count
                codeCount = packed.count
                codes += packed
            case .date: kind = .date
            case .dateOrZeros: kind = .dateOrZeros
            case .yearMonth: kind = .yearMonth
            case .yearMonthOrZeros: kind = .yearMonthOrZeros
            case .time: kind = .time
            case .serviceTime: kind = .serviceTime
            case .integer(let signed): kind = signed ? .signedInteger : .integer
            case .unitPrice: kind = .unitPrice
            case .dayMask: kind = .dayMask
            case .postalCode: kind = .postalCode
            case .phoneNumber: kind = .phoneNumber
            case .equipmentCode: kind = .equipmentCode
            case .text: kind = .text
            case .freeText: kind = .freeText
            }
            return ColumnCheck(
                kind: kind, maxLength: spec.maxLength ?? Int.max, required: spec.requirement == .required, codeStart: codeStart, codeCount: codeCount)
        }
        self.codes = codes
    }

    /// Packs a 1–2 byte code; longer values get an impossible key.
    @inline(__always)
    static func pack(_ bytes: some Collection<UInt8>) -> UInt16 {
        var iterator = bytes.makeIterator()
        switch bytes.count {
        case 1: return UInt16(iterator.next()!)
        case 2: return UInt16(iterator.next()!) << 8 | UInt16(iterator.next()!)
        default: return 0xFFFF
        }
    }
}

/// サービス種類コード lookup by packed 2-byte code: 0 = unknown, 1 = exchanged (連携対象), 2 = known but not exchanged.
enum ServiceTypeIndex {
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for type in ServiceType.all {
            let key = Int(LayoutChecks.pack(Array(type.code.utf8)))
            if table[key] == 0 { table[key] = type.isExchanged ? 1 : 2 }
        }
        return table
    }()
}
