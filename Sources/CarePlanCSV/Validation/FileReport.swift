// CarePlan Link — CarePlanCSV

/// The identity of a plan, month or assessment a row belongs to: 保険者番号 + 被保険者番号 + a date or month.
public struct RowKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 保険者番号
    public var insurerNumber: String
    /// 被保険者番号
    public var insuredNumber: String
    /// 作成(変更)日 / 相談日 (YYYYMMDD) or 対象年月 (YYYYMM), as written.
    public var discriminator: String

    public init(insurerNumber: String, insuredNumber: String, discriminator: String) {
        self.insurerNumber = insurerNumber
        self.insuredNumber = insuredNumber
        self.discriminator = discriminator
    }

    public var description: String { "\(self.insurerNumber)-\(self.insuredNumber)-\(self.discriminator)" }

    public static func < (lhs: RowKey, rhs: RowKey) -> Bool {
        (lhs.insurerNumber, lhs.insuredNumber, lhs.discriminator) < (rhs.insurerNumber, rhs.insuredNumber, rhs.discriminator)
    }
}

/// What the send-unit checks need to know about a file, gathered while it streams past.
public struct FileSummary: Sendable {
    public var kind: FileKind?
    public var version: CSVVersion?
    /// Service months found in rows (対象年月 / 削除対象年月).
    public var months: Set<YearMonth> = []
    /// Keys this file defines (1表, 6表, 基本情報, 支援計画書 rows).
    public var definedKeys: Set<RowKey> = []
    /// Keys this file's rows depend on, with the first row that does.
    public var referencedKeys: [RowKey: Int] = [:]
    /// Family-image file names referenced by UPKIHON No.62, with their row.
    public var referencedImages: [String: Int] = [:]
    /// Rows whose key items (保険者番号, 被保険者番号, date or month) have errors: they define or reference no key, so
    /// the send-unit checks do not blame the rows that hang off them.
    public var rowsWithBrokenKeys = 0
    /// The users (`保険者番号-被保険者番号`) of such rows, where those two items could be read.
    public var brokenKeyUsers: Set<String> = []
    /// Whether some such row's user could not be read (its 保険者番号 or 被保険者番号 is wrong, or its items are shifted).
    public var hasUnplacedRows = false
}

/// The result of validating one file.
public struct FileReport: Sendable {
    public var file: String
    public var name: CarePlanFileName?
    public var rowCount = 0
    public var byteCount = 0
    public var diagnostics: [Diagnostic] = []
    /// Diagnostics beyond the cap, counted but not kept (so a broken huge file cannot exhaust memory).
    public var suppressedDiagnostics = 0
    public var summary = FileSummary()
    public var layoutProvenance: FileLayout.Provenance?

    public init(file: String, name: CarePlanFileName?) {
        self.file = file
        self.name = name
    }

    public var errorCount: Int { self.diagnostics.count { $0.severity == .error } + self.suppressedDiagnostics }
    public var warningCount: Int { self.diagnostics.count { $0.severity == .warning } }
    /// True when no error was found (warnings allowed).
    public var isValid: Bool { self.errorCount == 0 }
}
