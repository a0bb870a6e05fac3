// CarePlan Link — CarePlanExchange
public import CarePlanCSV

/// One reason a recipient's import refused a unit (取込不可), as the sender sees it: where (file, row, item) and which
/// rule, never the value. The hub rebuilds the texts from the code, so that a report cannot carry row contents to the
/// sender whatever the reporting software puts in it.
public struct ImportProblem: Codable, Sendable, Hashable {
    /// A validator rule (`field.required`, `unit.composition`, …) or one of ``importCodes`` (`import.sequenceConflict`, …).
    public var code: String
    public var file: String?
    /// 1-based data record number.
    public var row: Int?
    /// 項番 (No.) of the item in the 4.x layout.
    public var item: Int?
    /// 項目名, from the layout (not from the report).
    public var itemName: String?
    /// What is wrong, in Japanese (the rule's statement).
    public var message: String
    /// The same in English.
    public var messageEN: String

    public init(code: String, file: String? = nil, row: Int? = nil, item: Int? = nil, itemName: String? = nil, message: String = "", messageEN: String = "") {
        self.code = code
        self.file = file
        self.row = row
        self.item = item
        self.itemName = itemName
        self.message = message
        self.messageEN = messageEN
    }

    /// The reasons an import refuses a unit besides the validator's rules.
    public static let importCodes: [String: (ja: String, en: String)] = [
        "import.sequenceConflict": ("同じファイル連番で内容の異なる送信単位を取込済みです", "a different unit with this ファイル連番 was already imported"),
        "import.conflictingCopies": ("同じファイル名で内容の異なるファイルがあります", "files of the same name with different contents"),
        "import.missingFiles": ("送信単位のファイルがそろっていません", "files of the unit are missing"),
        "import.other": ("取込先のソフトが取り込めませんでした", "the recipient's software could not import the unit"),
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decode(String.self, forKey: .code)
        self.file = try container.decodeIfPresent(String.self, forKey: .file)
        self.row = try container.decodeIfPresent(Int.self, forKey: .row)
        self.item = try container.decodeIfPresent(Int.self, forKey: .item)
        self.itemName = try container.decodeIfPresent(String.self, forKey: .itemName)
        // A report only needs the code and the location: the hub writes the texts.
        self.message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        self.messageEN = try container.decodeIfPresent(String.self, forKey: .messageEN) ?? ""
    }

    /// The problem a validator diagnostic causes, without its value.
    public init(_ diagnostic: Diagnostic) {
        self.init(code: diagnostic.rule.rawValue, file: diagnostic.file, row: diagnostic.row, item: diagnostic.item)
    }

    /// The shortest record a spec file can hold (a delete file's four short items and a line break): a row number
    /// above `size / minimumRecordBytes` cannot be a row of the file.
    public static let minimumRecordBytes = 16

    /// This problem as the hub keeps it, carrying nothing the reporting software wrote but a known code and a
    /// location: the code must be a validator rule or one of ``importCodes`` (else `import.other`); the file one of
    /// `files` (name → size); the row at most what a file of that size can hold; the item one of the file's layout;
    /// the item name and the texts come from the layout and the code. So a report cannot carry a name, a date or an
    /// insured number to the sender, whether as text, as a code or as a number.
    public func redacted(files: [String: Int]) -> ImportProblem {
        let file = self.file.flatMap { files[$0] != nil ? $0 : nil }
        let layout = file.flatMap { try? CarePlanFileName(parsing: $0).kind }.map(FileLayout.current)
        let item = self.item.flatMap { number in layout?.field(number) != nil ? number : nil }
        let maximumRow = file.flatMap { files[$0] }.map { max(1, $0 / Self.minimumRecordBytes) } ?? 0
        let row = self.row.flatMap { (1...max(1, maximumRow)).contains($0) && maximumRow > 0 ? $0 : nil }
        let known = Rule(rawValue: self.code) != nil || Self.importCodes[self.code] != nil
        let code = known ? self.code : "import.other"
        let texts = Rule(rawValue: code).map { ($0.japanese, $0.english) } ?? Self.importCodes[code]!
        return ImportProblem(
            code: code, file: file, row: row, item: item, itemName: item.flatMap { layout?.field($0)?.name }, message: texts.0, messageEN: texts.1)
    }
}
