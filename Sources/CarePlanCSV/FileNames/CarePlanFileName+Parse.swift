// CarePlan Link — CarePlanCSV

extension CarePlanFileName {
    /// Parses a file name (without directories).
    /// - Throws: ``FileNameError`` naming the token that is wrong.
    public init(parsing name: String) throws(FileNameError) {
        try self.init(parsing: name, toleratingCopySuffix: false)
    }

    /// Parses a file name; with `toleratingCopySuffix`, a copy number a browser or file manager appended when saving
    /// (`… (1).CSV`, `…(2).CSV`) is ignored (the receive profile reports it as a warning).
    public init(parsing name: String, toleratingCopySuffix: Bool) throws(FileNameError) {
        func fail(_ token: Int, _ text: String, _ problem: FileNameError.Problem) -> FileNameError {
            FileNameError(fileName: name, tokenIndex: token, token: text, problem: problem)
        }
        guard let dot = name.lastIndex(of: ".") else { throw fail(0, name, .missingExtension) }
        var stem = String(name[..<dot])
        if let suffix = Self.copySuffix(of: stem) {
            guard toleratingCopySuffix else { throw fail(0, suffix, .copySuffix) }
            stem = String(stem.dropLast(suffix.count))
        }
        let fileExtension = String(name[name.index(after: dot)...])
        // Byte for byte: String.hasPrefix compares up to canonical equivalence and took U+212A KELVIN SIGN for K.
        guard let kind = FileKind.prefixesLongestFirst.first(where: { stem.utf8.starts(with: ($0.prefix + "_").utf8) }) else {
            throw fail(0, String(stem.prefix { $0 != "_" }), .unknownPrefix)
        }
        if kind.isImage {
            guard fileExtension == "jpg" || fileExtension == "JPG" else { throw fail(0, fileExtension, .wrongExtension(expected: "jpg")) }
        } else {
            guard fileExtension == "CSV" || fileExtension == "csv" else { throw fail(0, fileExtension, .wrongExtension(expected: "CSV")) }
        }
        let rest = String(decoding: stem.utf8.dropFirst(kind.prefix.utf8.count + 1), as: UTF8.self)
        var tokens = rest.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        if let empty = tokens.firstIndex(of: "") {
            throw fail(empty + 1, "", .emptyToken(Self.tokenRole(kind: kind, position: empty, count: tokens.count)))
        }
        var index = 1

        var month: MonthToken?
        if kind.hasMonthToken {
            guard !tokens.isEmpty else { throw fail(index, "", .missingToken("YYYYMM")) }
            let text = tokens.removeFirst()
            if text == "000000" {
                guard kind == .supplementaryUserInfo else { throw fail(index, text, .zeroMonthNotAllowed) }
                month = .unlinked
            } else if let value = YearMonth(text) {
                month = .month(value)
            } else {
                throw fail(index, text, .badMonth)
            }
            index += 1
        }

        // Office tokens: 10-digit numbers, each optionally followed by a 2- (4.1) or 3-character (4.0) service token.
        let expectedTail = kind.isImage ? 2 : 1
        let officeTokenCount = tokens.count - expectedTail
        let grammar: Grammar
        switch officeTokenCount {
        case 4: grammar = tokens[1].count == 3 ? .version4_0 : .version4_1
        case 2: grammar = .version3
        case 3: throw fail(index, tokens.joined(separator: "_"), .missingServiceType)
        default: throw fail(index, tokens.joined(separator: "_"), .wrongTokenCount(found: tokens.count + index - 1))
        }
        var offices: [OfficeID] = []
        var position = 0
        for _ in 0..<2 {
            let number = tokens[position]
            guard number.utf8.count == 10, ASCIIDigits.allDigits(number.utf8) else { throw fail(index + position, number, .badOfficeNumber) }
            var serviceType: String?
            if grammar != .version3 {
                let service = tokens[position + 1]
                let width = grammar == .version4_1 ? 2 : 3
                guard service.utf8.count == width, service.utf8.allSatisfy({ $0.isASCIIDigitOrUppercase }) else {
                    throw fail(index + position + 1, service, .badServiceType(width: width))
                }
                if grammar == .version4_1 && ServiceType.named(service) == nil {
                    throw fail(index + position + 1, service, .unknownServiceType)
                }
                serviceType = service
                position += 1
            }
            offices.append(OfficeID(number: number, serviceType: serviceType))
            position += 1
        }
        let timestampText = tokens[position]
        guard let timestamp = FileTimestamp(timestampText) else { throw fail(index + position, timestampText, .badTimestamp) }
        var branch: Int?
        if kind.isImage {
            let text = tokens[position + 1]
            guard text.utf8.count == 4, let value = ASCIIDigits.value(text.utf8) else { throw fail(index + position + 1, text, .badImageBranch) }
            branch = value
        }
        self.init(
            kind: kind, month: month, sender: offices[0], recipient: offices[1], timestamp: timestamp, imageBranch: branch,
            grammar: grammar, fileExtension: fileExtension)
    }
}

extension CarePlanFileName {
    /// The copy number at the end of `stem` (` (1)`, `(12)`), as written, or nil.
    static func copySuffix(of stem: String) -> String? {
        let scalars = Array(stem.unicodeScalars)
        guard scalars.last == ")", let open = scalars.lastIndex(of: "("), open < scalars.count - 2 else { return nil }
        guard scalars[(open + 1)..<(scalars.count - 1)].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let start = open > 0 && scalars[open - 1] == " " ? open - 1 : open
        return String(String.UnicodeScalarView(scalars[start...]))
    }

    /// What the `position`-th token after the prefix is, in the 4.1 grammar, for messages about an empty token.
    static func tokenRole(kind: FileKind, position: Int, count: Int) -> String {
        var roles = ["送信元事業所番号", "送信元サービス種類コード", "送信先事業所番号", "送信先サービス種類コード", "ファイル連番"]
        if kind.hasMonthToken { roles.insert("年月", at: 0) }
        if kind.isImage { roles.append("枝番") }
        return count == roles.count && position < roles.count ? roles[position] : "第\(position + 1)項目"
    }
}

extension String {
    /// The name without its extension.
    var stem: String { String(self[..<(self.lastIndex(of: ".") ?? self.endIndex)]) }
}

extension UInt8 {
    var isASCIIDigitOrUppercase: Bool { (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) }
}

/// A file name that does not follow the grammar, with the token that is wrong.
public struct FileNameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the token.
    public enum Problem: Equatable, Sendable {
        case missingExtension
        case wrongExtension(expected: String)
        case unknownPrefix
        case missingToken(String)
        case badMonth
        case zeroMonthNotAllowed
        case wrongTokenCount(found: Int)
        case badOfficeNumber
        case badServiceType(width: Int)
        case unknownServiceType
        case badTimestamp
        case badImageBranch
        /// A token between two `_` is empty (`…_11__43_…`); the associated value names the token.
        case emptyToken(String)
        /// One of the two service-type tokens is missing.
        case missingServiceType
        /// A copy number (` (1)`) added when the file was saved.
        case copySuffix
    }

    public let fileName: String
    /// 1-based position of the `_`-separated token (0 = prefix or extension).
    public let tokenIndex: Int
    public let token: String
    public let problem: Problem

    public var description: String {
        let (ja, en): (String, String) =
            switch self.problem {
            case .missingExtension: ("拡張子がありません", "the name has no extension")
            case .wrongExtension(let expected): ("拡張子は .\(expected) でなければなりません", "the extension must be .\(expected)")
            case .unknownPrefix: ("ファイル種別（接頭辞）が仕様にありません", "unknown file-kind prefix")
            case .missingToken(let what): ("\(what) がありません", "missing \(what) token")
            case .badMonth: ("年月は YYYYMM の実在する年月でなければなりません", "the month token must be a real YYYYMM")
            case .zeroMonthNotAllowed: ("000000 は利用者補足情報にのみ使えます", "000000 is allowed only for UPHOSOKU")
            case .wrongTokenCount(let found):
                ("区切り「_」の数が文法に合いません（\(found)項目）", "wrong number of _-separated tokens (\(found))")
            case .badOfficeNumber: ("事業所番号は数字10桁でなければなりません", "an office number must be 10 digits")
            case .badServiceType(let width): ("サービス種類は英数字\(width)桁でなければなりません", "a service-type token must be \(width) characters [0-9A-Z]")
            case .unknownServiceType: ("サービス種類コードが仕様のコード表にありません", "not a known サービス種類コード")
            case .badTimestamp: ("ファイル連番は実在する日時 YYYYMMDDHHMMSS でなければなりません", "the sequence token must be a real YYYYMMDDHHMMSS")
            case .badImageBranch: ("画像の枝番は数字4桁でなければなりません", "an image branch number must be 4 digits")
            case .emptyToken(let role):
                ("\(role)が空です（「__」のように区切りが続いています）。ケアソフトの事業所設定に\(role)が登録されているか確認してください",
                 "the \(role) token is empty (two _ in a row); check that the care software's office settings hold it")
            case .missingServiceType:
                ("サービス種類コードが足りません。4.1のファイル名は送信元・送信先の事業所番号それぞれの後に2桁のサービス種類コードが必要です",
                 "a service-type token is missing: 4.1 names need a 2-character service type after both office numbers")
            case .copySuffix:
                ("ファイル名の末尾に保存時の連番「\(self.token)」が付いています。ブラウザーが同名のファイルを保存したときに付けるもので、仕様のファイル名ではありません。付く前の名前に戻してください",
                 "the name ends in a copy number \"\(self.token)\" that a browser adds when it saves a second file of the same name; remove it")
            }
        return "\(self.fileName): 第\(self.tokenIndex)項目「\(self.token)」: \(ja) / token \(self.tokenIndex) \"\(self.token)\": \(en)"
    }
}
