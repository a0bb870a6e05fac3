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

    /// The problem a validator diagnostic causes, without its value.
    public init(_ diagnostic: Diagnostic) {
        self.init(code: diagnostic.rule.rawValue, file: diagnostic.file, row: diagnostic.row, item: diagnostic.item)
    }

    /// This problem as the hub keeps it: the location checked (the file must be one of `files`; a row or item
    /// number must be positive), the item's name from the layout, and the texts from the code's statement. An
    /// unknown code keeps its name (when it looks like one) with the general statement.
    public func redacted(files: Set<String>) -> ImportProblem {
        let file = self.file.flatMap { files.contains($0) ? $0 : nil }
        let item = self.item.flatMap { (1...999).contains($0) ? $0 : nil }
        let row = self.row.flatMap { $0 > 0 ? $0 : nil }
        var itemName: String?
        if let item, let file, let kind = try? CarePlanFileName(parsing: file).kind {
            itemName = FileLayout.current(kind).field(item)?.name
        }
        let looksLikeCode = self.code.count <= 64 && self.code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") }
        let code = looksLikeCode ? self.code : "import.other"
        let texts: (ja: String, en: String)
        if let rule = Rule(rawValue: code) {
            texts = (rule.japanese, rule.english)
        } else {
            texts = Self.importCodes[code] ?? Self.importCodes["import.other"]!
        }
        return ImportProblem(code: code, file: file, row: row, item: item, itemName: itemName, message: texts.ja, messageEN: texts.en)
    }
}
