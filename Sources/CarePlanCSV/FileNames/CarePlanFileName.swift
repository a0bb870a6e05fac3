// CarePlan Link — CarePlanCSV

/// A parsed file name of the standard, e.g. `UPPLAN_202504_0300000100_43_0300000005_11_20250325200201.CSV`.
///
/// Grammar (4.1): `PREFIX[_YYYYMM]_送信元事業所番号(10)_送信元サービス種類(2)_送信先事業所番号(10)_送信先サービス種類(2)_YYYYMMDDHHMMSS.CSV`;
/// the family image adds `_枝番(4)` and ends in `.jpg`. Older names are read too: 3.x names have no service-type
/// tokens, 4.0 names carried a 3-character service code.
public struct CarePlanFileName: Hashable, Sendable, CustomStringConvertible {
    /// Which token layout the name follows.
    public enum Grammar: String, Sendable, Hashable, Codable {
        /// 4.1 (CSV version 202407): 2-character サービス種類コード after each office number.
        case version4_1
        /// 4.0 (CSV version 202504): 3-character service code after each office number.
        case version4_0
        /// 3.x (CSV versions 201910–202208): no service tokens.
        case version3
    }

    /// The YYYYMM token of kinds that have one.
    public enum MonthToken: Hashable, Sendable, CustomStringConvertible {
        /// 対象年月 / 提供年月
        case month(YearMonth)
        /// `000000`: 利用者補足情報 attached to 第1・2・3表 rather than to a month.
        case unlinked

        public var description: String {
            switch self {
            case .month(let month): month.description
            case .unlinked: "000000"
            }
        }

        /// The month, or nil for `000000`.
        public var yearMonth: YearMonth? {
            if case .month(let month) = self { return month }
            return nil
        }
    }

    public var kind: FileKind
    /// The YYYYMM token; present exactly when `kind.hasMonthToken`.
    public var month: MonthToken?
    /// 送信元 事業所番号 + サービス種類.
    public var sender: OfficeID
    /// 送信先 事業所番号 + サービス種類.
    public var recipient: OfficeID
    /// ファイル連番: the send unit's shared timestamp.
    public var timestamp: FileTimestamp
    /// 枝番 of a family image (UPKIHON_IMAGE only).
    public var imageBranch: Int?
    public var grammar: Grammar
    /// The extension as written (`CSV`, `jpg`, `JPG`).
    public var fileExtension: String

    public init(
        kind: FileKind, month: MonthToken? = nil, sender: OfficeID, recipient: OfficeID, timestamp: FileTimestamp,
        imageBranch: Int? = nil, grammar: Grammar = .version4_1, fileExtension: String? = nil
    ) {
        self.kind = kind
        self.month = month
        self.sender = sender
        self.recipient = recipient
        self.timestamp = timestamp
        self.imageBranch = imageBranch
        self.grammar = grammar
        self.fileExtension = fileExtension ?? (kind.isImage ? "jpg" : "CSV")
    }

    /// The file name text.
    public var description: String {
        var tokens = [self.kind.prefix]
        if let month = self.month { tokens.append(month.description) }
        for office in [self.sender, self.recipient] {
            tokens.append(office.number)
            if let service = office.serviceType { tokens.append(service) }
        }
        tokens.append(self.timestamp.description)
        if let branch = self.imageBranch { tokens.append(ASCIIDigits.padded(branch, width: 4)) }
        return tokens.joined(separator: "_") + "." + self.fileExtension
    }

    /// The key that groups the files of one send unit (送信単位): sender, recipient and timestamp.
    public var sendUnitKey: SendUnitKey { SendUnitKey(sender: self.sender, recipient: self.recipient, timestamp: self.timestamp) }
}

/// An office as named in a file name: 事業所番号 and its サービス種類コード.
public struct OfficeID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// 事業所番号 (10 digits).
    public var number: String
    /// サービス種類コード (2 characters in 4.1, 3 in 4.0, absent in 3.x names).
    public var serviceType: String?

    public init(number: String, serviceType: String?) {
        self.number = number
        self.serviceType = serviceType
    }

    public var description: String { self.serviceType.map { "\(self.number)_\($0)" } ?? self.number }

    public static func < (lhs: OfficeID, rhs: OfficeID) -> Bool { lhs.description < rhs.description }
}

/// The 14-digit ファイル連番 `YYYYMMDDHHMMSS` shared by the files of one send unit; import order follows it.
public struct FileTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let date: CalendarDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 14, let date = CalendarDate(digits: bytes[0..<8]), let time = ASCIIDigits.value(bytes[8..<14]) else {
            return nil
        }
        let hour = time / 10000
        let minute = time / 100 % 100
        let second = time % 100
        guard hour < 24, minute < 60, second < 60 else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public var description: String {
        self.date.description + ASCIIDigits.padded(self.hour, width: 2) + ASCIIDigits.padded(self.minute, width: 2)
            + ASCIIDigits.padded(self.second, width: 2)
    }

    public static func < (lhs: FileTimestamp, rhs: FileTimestamp) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = FileTimestamp(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYYMMDDHHMMSS: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}

/// Identifies a send unit: the files one office sends to one partner with one ファイル連番.
public struct SendUnitKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let sender: OfficeID
    public let recipient: OfficeID
    public let timestamp: FileTimestamp

    public var description: String { "\(self.sender) → \(self.recipient) @ \(self.timestamp)" }

    public static func < (lhs: SendUnitKey, rhs: SendUnitKey) -> Bool {
        (lhs.timestamp, lhs.sender, lhs.recipient) < (rhs.timestamp, rhs.sender, rhs.recipient)
    }
}
