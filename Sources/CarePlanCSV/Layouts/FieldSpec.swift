// CarePlan Link — CarePlanCSV

/// One item (項目) of a file layout in the 「CSVファイルレイアウト定義書」.
public struct FieldSpec: Sendable, Hashable {
    /// 項番 (No.) in the 4.x layout. Older layouts that lack some items keep the 4.x numbers of the rest.
    public let number: Int
    /// 項目名, the spec's Japanese item name.
    public let name: String
    /// The English identifier used for the typed record property and in JSON.
    public let identifier: String
    /// What the value must look like.
    public let format: FieldFormat
    /// 項目長: maximum length in MS932 bytes; nil = free length (―).
    public let maxLength: Int?
    /// 必須 / 任意 / 条件.
    public let requirement: Requirement

    public init(number: Int, name: String, identifier: String, format: FieldFormat, maxLength: Int?, requirement: Requirement) {
        self.number = number
        self.name = name
        self.identifier = identifier
        self.format = format
        self.maxLength = maxLength
        self.requirement = requirement
    }

    /// Free text (フリーテキスト) is written between double quotes.
    public var isFreeText: Bool { self.format == .freeText }

    /// A copy with another maximum length (older CSV versions had shorter items).
    func withMaxLength(_ length: Int?) -> FieldSpec {
        FieldSpec(number: self.number, name: self.name, identifier: self.identifier, format: self.format, maxLength: length,
                  requirement: self.requirement)
    }

    /// Whether the item must have a value (必須).
    public enum Requirement: String, Sendable, Hashable, Codable {
        /// 必須
        case required
        /// 任意
        case optional
        /// 条件: required only under a condition checked by a record rule.
        case conditional
    }
}

/// The value format of an item, derived from the layout's 書式 column and the item's description.
public enum FieldFormat: Sendable, Hashable {
    /// CSVバージョン `YYYYMM`.
    case csvVersion
    /// 保険者番号: 6 digits.
    case insurerNumber
    /// 被保険者番号: 10 digits, or `H` + 9 digits for 生保単独.
    case insuredNumber
    /// 事業所番号: 10 digits.
    case officeNumber
    /// サービス種類コード: 2 characters from the service-type table.
    case serviceTypeCode
    /// サービスコード: 6 characters; the first 2 are the サービス種類コード.
    case serviceCode
    /// 第7表 サービスコード: a service code, a subtotal (種類 + `AAAA`/`EEEE`/`ZZZZ`) or the grand total `999999`.
    case annexServiceCode
    /// A value from a code table.
    case code(CodeTable.ID)
    /// `YYYYMMDD`, a real calendar date.
    case date
    /// `YYYYMMDD`, or `00000000` when the record is not linked to a plan (利用者補足情報).
    case dateOrZeros
    /// `YYYYMM`.
    case yearMonth
    /// `YYYYMM`, or `000000` when the record is linked to a plan rather than a month (利用者補足情報).
    case yearMonthOrZeros
    /// `HHMM`.
    case time
    /// `HHMM`, or `9999` for a service without time.
    case serviceTime
    /// Decimal digits; `signed` allows a leading `-` (減算 rows carry negative units).
    case integer(signed: Bool)
    /// `99.99`.
    case unitPrice
    /// 日割対象日: 31 characters of `0`/`1`.
    case dayMask
    /// 郵便番号 `XXX-XXXX`.
    case postalCode
    /// 電話番号: digits, `-`, `(`, `)`.
    case phoneNumber
    /// TAISコード / 福祉用具届出コード `NNNNN-NNNNNN`.
    case equipmentCode
    /// Short non-free text (e.g. サテライト枝番, 識別子): any MS932 text without quotes or line breaks.
    case text
    /// フリーテキスト: quoted; may contain commas, `""` and line breaks.
    case freeText

    /// The Japanese word for the format, used in messages.
    public var japaneseDescription: String {
        switch self {
        case .csvVersion: "CSVバージョン(YYYYMM)"
        case .insurerNumber: "保険者番号(数字6桁)"
        case .insuredNumber: "被保険者番号(数字10桁または H+数字9桁)"
        case .officeNumber: "事業所番号(数字10桁)"
        case .serviceTypeCode: "サービス種類コード"
        case .serviceCode: "サービスコード(6桁)"
        case .annexServiceCode: "サービスコード(6桁・小計AAAA/EEEE/ZZZZ・合計999999)"
        case .code(let table): "コード(\(table.rawValue))"
        case .date: "年月日(YYYYMMDD)"
        case .dateOrZeros: "年月日(YYYYMMDD)または00000000"
        case .yearMonth: "年月(YYYYMM)"
        case .yearMonthOrZeros: "年月(YYYYMM)または000000"
        case .time: "時刻(HHMM)"
        case .serviceTime: "時刻(HHMM)または9999"
        case .integer(let signed): signed ? "整数(符号可)" : "整数"
        case .unitPrice: "小数(99.99)"
        case .dayMask: "日割対象日(0/1の31桁)"
        case .postalCode: "郵便番号(XXX-XXXX)"
        case .phoneNumber: "電話番号"
        case .equipmentCode: "TAIS/届出コード(NNNNN-NNNNNN)"
        case .text: "テキスト"
        case .freeText: "フリーテキスト"
        }
    }

    /// The English word for the format, used in messages.
    public var englishDescription: String {
        switch self {
        case .csvVersion: "CSV version (YYYYMM)"
        case .insurerNumber: "insurer number (6 digits)"
        case .insuredNumber: "insured number (10 digits, or H + 9 digits)"
        case .officeNumber: "office number (10 digits)"
        case .serviceTypeCode: "service type code"
        case .serviceCode: "service code (6 characters)"
        case .annexServiceCode: "service code (6 characters, subtotal AAAA/EEEE/ZZZZ or total 999999)"
        case .code(let table): "code from table \(table.rawValue)"
        case .date: "date (YYYYMMDD)"
        case .dateOrZeros: "date (YYYYMMDD) or 00000000"
        case .yearMonth: "month (YYYYMM)"
        case .yearMonthOrZeros: "month (YYYYMM) or 000000"
        case .time: "time (HHMM)"
        case .serviceTime: "time (HHMM) or 9999"
        case .integer(let signed): signed ? "integer (sign allowed)" : "non-negative integer"
        case .unitPrice: "decimal (99.99)"
        case .dayMask: "day mask (31 characters of 0/1)"
        case .postalCode: "postal code (XXX-XXXX)"
        case .phoneNumber: "phone number"
        case .equipmentCode: "TAIS/notification code (NNNNN-NNNNNN)"
        case .text: "text"
        case .freeText: "free text"
        }
    }
}
