// CarePlan Link — CarePlanCSV

/// Writes typed records as the bytes the spec prescribes: MS932, comma-separated, CSVバージョン 202407 in column 1,
/// free text between double quotes with `""` escapes (empty free text as `""`: the layout's footnote encloses every
/// free-text item), other Null items as an empty field, every record ended by CRLF. Characters MS932 has twice get the
/// code every tested reader decodes (``MS932CodeChoice/necSelected``) unless `codes` asks for Windows' choice.
///
/// ```swift
/// let output = try CarePlanCSVWriter.write(records)
/// try output.bytes.write(to: url)  // with Foundation
/// ```
public enum CarePlanCSVWriter {
    /// The result of writing: the file's bytes and each look-alike substitution made.
    public struct Output: Sendable, Equatable {
        public var bytes: [UInt8]
        public var substitutions: [Substitution]
    }

    /// A character replaced by its MS932 look-alike, and where.
    public struct Substitution: Sendable, Equatable, CustomStringConvertible {
        /// 1-based record number.
        public let row: Int
        /// 項番 of the item.
        public let item: Int
        public let original: Unicode.Scalar
        public let replacement: Unicode.Scalar

        public var description: String {
            let from = "U+" + String(self.original.value, radix: 16, uppercase: true)
            let to = "U+" + String(self.replacement.value, radix: 16, uppercase: true)
            return "行\(self.row) No.\(self.item): 「\(self.original)」(\(from)) →「\(self.replacement)」(\(to)) に置換 / row \(self.row) item \(self.item): replaced \(from) with \(to)"
        }
    }

    /// A record could not be written.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        public let row: Int
        public let item: Int
        public let itemName: String
        public let encodingError: MS932EncodingError

        public var description: String {
            "行\(self.row) No.\(self.item) \(self.itemName): \(self.encodingError.description)"
        }
    }

    /// Writes `records` (all of one kind) in the current CSV version.
    /// - Parameter substitution: `.strict` (default) fails on a character outside MS932; `.lookAlikes` replaces the
    ///   documented look-alikes (e.g. 〜 U+301C → ～ U+FF5E) and reports each one.
    public static func write<Record: CarePlanRecord>(
        _ records: [Record], substitution: MS932SubstitutionPolicy = .strict, codes: MS932CodeChoice = .necSelected
    ) throws(WriteError) -> Output {
        let layout = FileLayout.current(Record.kind)
        var output = Output(bytes: [], substitutions: [])
        output.bytes.reserveCapacity(records.count * 160)
        for (index, record) in records.enumerated() {
            try Self.appendRecord(record.fieldTexts, layout: layout, row: index + 1, substitution: substitution, codes: codes, to: &output)
        }
        return output
    }

    /// Appends one record given as the texts of columns 2… of `layout`.
    static func appendRecord(
        _ texts: [String], layout: FileLayout, row: Int, substitution: MS932SubstitutionPolicy, codes: MS932CodeChoice = .necSelected,
        to output: inout Output
    ) throws(WriteError) {
        output.bytes.append(contentsOf: layout.version.rawValue.utf8)
        for (offset, text) in texts.enumerated() {
            let spec = layout.fields[offset + 1]
            output.bytes.append(UInt8(ascii: ","))
            if text.isEmpty {
                if spec.isFreeText { output.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")]) }
                continue
            }
            let encoded: MS932EncodedText
            do {
                encoded = try MS932.encode(text, substitution: substitution, codes: codes)
            } catch {
                throw WriteError(row: row, item: spec.number, itemName: spec.name, encodingError: error)
            }
            for change in encoded.substitutions {
                output.substitutions.append(Substitution(row: row, item: spec.number, original: change.original, replacement: change.replacement))
            }
            if spec.isFreeText {
                output.bytes.append(UInt8(ascii: "\""))
                for byte in encoded.bytes {
                    output.bytes.append(byte)
                    if byte == UInt8(ascii: "\"") { output.bytes.append(byte) }
                }
                output.bytes.append(UInt8(ascii: "\""))
            } else {
                output.bytes.append(contentsOf: encoded.bytes)
            }
        }
        output.bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
