// CarePlan Link — CarePlanCSV

/// The columns of one file kind in one CSV version.
public struct FileLayout: Sendable {
    public let kind: FileKind
    public let version: CSVVersion
    /// Column i (0-based) holds item `fields[i]`.
    public let fields: [FieldSpec]
    /// How sure we are of this layout.
    public let provenance: Provenance

    /// Where a layout comes from.
    public enum Provenance: String, Sendable {
        /// Given field by field in the 4.x 「CSVファイルレイアウト定義書」.
        case documented
        /// 3.x layout derived from the 4.x one by removing the items 4.0 is documented to have added.
        case derivedFromVersion4Changes
        /// 3.x layout for which no difference from 4.x is documented; assumed equal.
        case assumedUnchanged
    }

    /// Why no layout is known.
    public enum Unavailable: Error, Equatable, Sendable {
        /// The CSVバージョン value is not one the spec has issued.
        case unknownVersion(String)
        /// The file kind did not exist in that version (e.g. 第3表 in 202208).
        case kindNotInVersion(FileKind, CSVVersion)
        /// The kind is not a CSV file (the family image).
        case notCSV(FileKind)
    }

    /// The layout of `kind` in `version`.
    public static func layout(of kind: FileKind, version: CSVVersion) throws(Unavailable) -> FileLayout {
        guard !kind.isImage else { throw .notCSV(kind) }
        let fields = Self.version4Fields(of: kind)
        guard version.isVersion3Family else {
            return FileLayout(kind: kind, version: version, fields: fields, provenance: .documented)
        }
        guard !kind.isNewInVersion4 else { throw .kindNotInVersion(kind, version) }
        switch kind {
        case .serviceUsePlan, .serviceResults:
            // 4.0 added TAISコード, 福祉用具届出コード, 用具名称 (No.16–18).
            let old = fields.filter { !(16...18).contains($0.number) }
            return FileLayout(kind: kind, version: version, fields: old, provenance: .derivedFromVersion4Changes)
        case .serviceUseAnnex:
            // 4.0 added No.10–12 and widened 回数／日数 (No.16) 2→3; 3.2 widened 前月までの利用日数 (No.30) 2→5.
            let old = fields.filter { !(10...12).contains($0.number) }.map { field in
                switch field.number {
                case 16: field.withMaxLength(2)
                case 30 where version != .v202208: field.withMaxLength(2)
                default: field
                }
            }
            return FileLayout(kind: kind, version: version, fields: old, provenance: .derivedFromVersion4Changes)
        default:
            return FileLayout(kind: kind, version: version, fields: fields, provenance: .assumedUnchanged)
        }
    }

    /// The current (202407) layout of `kind`.
    public static func current(_ kind: FileKind) -> FileLayout {
        // Every CSV kind exists in the current version.
        try! Self.layout(of: kind, version: .current)
    }

    /// The column index of item `number`, or nil when this version lacks it.
    public func columnIndex(ofItem number: Int) -> Int? {
        self.fields.firstIndex { $0.number == number }
    }

    /// The spec of item `number`.
    public func field(_ number: Int) -> FieldSpec? { self.fields.first { $0.number == number } }
}

extension FileLayout.Unavailable: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknownVersion(let value):
            "CSVバージョン「\(value)」のレイアウトは不明です / CSV version \(value) has no known layout"
        case .kindNotInVersion(let kind, let version):
            "\(kind.prefix)(\(kind.japaneseName))はCSVバージョン\(version.rawValue)には存在しません / \(kind.prefix) does not exist in CSV version \(version.rawValue)"
        case .notCSV(let kind):
            "\(kind.prefix)はCSVファイルではありません / \(kind.prefix) is not a CSV file"
        }
    }
}
