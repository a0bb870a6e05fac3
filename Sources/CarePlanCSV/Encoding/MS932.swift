/// Windows code page 932 (MS932) codec, strict by default.
///
/// The repertoire is Python's `cp932` codec minus what the CSV specification forbids or what is not
/// MS932 proper (see `Scripts/generate-ms932-tables.py`):
///
/// * single bytes 0x00-0x7F (ASCII; 0x5C is U+005C REVERSE SOLIDUS and 0x7E is U+007E TILDE) and
///   0xA1-0xDF (half-width katakana U+FF61-U+FF9F);
/// * double-byte codes with lead 0x81-0x9F / 0xE0-0xEF / 0xFA-0xFC, including the NEC row 13 and
///   IBM extensions;
/// * not the user-defined area (外字, lead bytes 0xF0-0xF9), which is reported as
///   `MS932DecodingError.Reason.userDefinedCharacter`;
/// * not the single bytes 0x80, 0xA0 and 0xFD-0xFF.
///
/// Where several codes decode to one character, encoding writes by default the code every tested reader decodes
/// (``MS932CodeChoice/necSelected``): JIS X 0208 or NEC row 13 first, then the NEC-selected twin (0xED–0xEE) rather
/// than the IBM extension (0xFA–0xFC), which a browser decoder in wide use cannot read. ``MS932CodeChoice/windows``
/// writes Windows' choice (the IBM extension). Python's cp932 encoder makes the NEC-selected choice too. Python's encoder also accepts a few scalars outside the repertoire (U+00A2, U+00A3,
/// U+00AC, U+2016, U+2212, U+301C); this codec does not, because they would not round-trip. Use
/// `MS932SubstitutionPolicy.lookAlikes` to map those explicitly and get a report.
public enum MS932 {
    /// Decodes MS932 bytes. Throws on the first undefined/truncated/user-defined sequence.
    public static func decode(_ bytes: some Collection<UInt8>) throws(MS932DecodingError) -> String {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Self.decode(buffer: buffer)
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Self.decode(buffer: buffer)
        }.get()
    }

    /// Fast validity scan without building a String: returns nil when every byte sequence is a defined
    /// MS932 character, or the first error (the same error `decode(_:)` would throw).
    public static func firstInvalidSequence(in bytes: UnsafeBufferPointer<UInt8>) -> MS932DecodingError? {
        switch Self.scan(bytes) {
        case .success:
            return nil
        case .failure(let error):
            return error
        }
    }

    /// Encodes a string. With `.strict`, a character outside MS932 throws; with `.lookAlikes`, characters
    /// from the documented look-alike table are substituted and reported.
    ///
    /// Offsets in errors and substitutions count Characters (grapheme clusters): CR LF is one Character,
    /// and so is "ｶﾞ", because U+FF9E/U+FF9F extend the preceding character.
    public static func encode(
        _ string: String,
        substitution: MS932SubstitutionPolicy = .strict,
        codes: MS932CodeChoice = .necSelected
    ) throws(MS932EncodingError) -> MS932EncodedText {
        var string = string
        // withUTF8 makes bridged or otherwise non-contiguous strings contiguous first.
        let outcome = string.withUTF8 { utf8 in
            Self.encode(utf8: utf8, lookAlikes: substitution == .lookAlikes, codes: codes)
        }
        if let failure = outcome.failure {
            let located = Self.locateCharacters(atUTF8Offsets: [failure.utf8Offset], in: string)[0]
            throw MS932EncodingError(
                character: located.character,
                scalar: failure.scalar,
                characterOffset: located.offset
            )
        }
        var substitutions: [MS932Substitution] = []
        if !outcome.substitutions.isEmpty {
            // Character offsets need grapheme breaking, so they are only computed when something was substituted.
            let located = Self.locateCharacters(atUTF8Offsets: outcome.substitutions.map(\.utf8Offset), in: string)
            substitutions.reserveCapacity(outcome.substitutions.count)
            for (pending, character) in zip(outcome.substitutions, located) {
                substitutions.append(MS932Substitution(
                    original: pending.original,
                    replacement: pending.replacement,
                    characterOffset: character.offset
                ))
            }
        }
        return MS932EncodedText(bytes: outcome.bytes, substitutions: substitutions)
    }

    /// Number of bytes `string` takes in MS932, or nil if it is not representable (no substitution).
    public static func byteCount(of string: String) -> Int? {
        var string = string
        return string.withUTF8 { utf8 in
            MS932Lookup.scalarToCode.withUnsafeBufferPointer { reverse -> Int? in
                var count = 0
                var index = 0
                while index < utf8.count {
                    let lead = utf8[index]
                    if lead < 0x80 {
                        count &+= 1
                        index &+= 1
                        continue
                    }
                    let (scalar, length) = Self.decodeUTF8(utf8, at: index)
                    guard scalar < 0x10000 else { return nil }
                    let code = reverse[Int(scalar)]
                    guard code != 0 else { return nil }
                    count &+= code < 0x100 ? 1 : 2
                    index &+= length
                }
                return count
            }
        }
    }

    /// Every (bytes, scalar) pair of the repertoire, for tests and tools.
    ///
    /// Single bytes come first in byte order, then double-byte codes in code order. Non-canonical
    /// double-byte codes (which decode to a scalar that encodes to a different code) are included.
    public static var repertoire: [(bytes: [UInt8], scalar: Unicode.Scalar)] {
        MS932Lookup.repertoire
    }

    /// Scalars that `.lookAlikes` replaces; documented on `MS932SubstitutionPolicy.lookAlikes`.
    static let lookAlikeTable: [(original: Unicode.Scalar, replacement: Unicode.Scalar)] = [
        ("\u{301C}", "\u{FF5E}"),
        ("\u{2212}", "\u{FF0D}"),
        ("\u{2016}", "\u{2225}"),
        ("\u{2014}", "\u{2015}"),
        ("\u{00A2}", "\u{FFE0}"),
        ("\u{00A3}", "\u{FFE1}"),
        ("\u{00AC}", "\u{FFE2}"),
        ("\u{00A6}", "\u{FFE4}"),
        ("\u{203E}", "\u{FFE3}"),
        ("\u{00A5}", "\u{FFE5}"),
        ("\u{00A0}", "\u{0020}"),
    ]

    // MARK: - Decoding

    /// Validates `input` and returns the UTF-8 length of its decoding, or the first error.
    private static func scan(_ input: UnsafeBufferPointer<UInt8>) -> Result<Int, MS932DecodingError> {
        guard let base = input.baseAddress else { return .success(0) }
        let count = input.count
        return MS932Lookup.byteClass.withUnsafeBufferPointer { classes in
            MS932Lookup.doubleByte.withUnsafeBufferPointer { table in
                var index = 0
                var utf8Count = 0
                while index < count {
                    // Eight ASCII bytes at a time: CSV content is mostly digits, commas and quotes.
                    if index &+ 8 <= count {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            index &+= 8
                            utf8Count &+= 8
                            continue
                        }
                    }
                    let byte = base[index]
                    if byte < 0x80 {
                        index &+= 1
                        utf8Count &+= 1
                        continue
                    }
                    switch classes[Int(byte)] {
                    case .ascii:
                        // Unreachable: handled above without the table.
                        index &+= 1
                        utf8Count &+= 1
                    case .halfWidthKatakana:
                        // U+FF61-U+FF9F take three UTF-8 bytes.
                        index &+= 1
                        utf8Count &+= 3
                    case .lead:
                        guard index &+ 1 < count else {
                            return .failure(MS932DecodingError(offset: index, bytes: [byte], reason: .truncatedDoubleByte))
                        }
                        let trail = base[index &+ 1]
                        let scalar = table[Int(byte) &<< 8 | Int(trail)]
                        guard scalar != 0 else {
                            return .failure(MS932DecodingError(
                                offset: index,
                                bytes: [byte, trail],
                                reason: .undefinedDoubleByte
                            ))
                        }
                        utf8Count &+= scalar < 0x800 ? 2 : 3
                        index &+= 2
                    case .userDefinedLead:
                        guard index &+ 1 < count else {
                            return .failure(MS932DecodingError(offset: index, bytes: [byte], reason: .truncatedDoubleByte))
                        }
                        let trail = base[index &+ 1]
                        // Only a well-formed pair is a 外字; anything else is just malformed.
                        let isTrail = (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail)
                        return .failure(MS932DecodingError(
                            offset: index,
                            bytes: [byte, trail],
                            reason: isTrail ? .userDefinedCharacter : .undefinedDoubleByte
                        ))
                    case .undefined:
                        return .failure(MS932DecodingError(offset: index, bytes: [byte], reason: .undefinedByte))
                    }
                }
                return .success(utf8Count)
            }
        }
    }

    /// Decodes a buffer in two passes: validate and measure, then write UTF-8 into an exactly sized String.
    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> Result<String, MS932DecodingError> {
        let utf8Count: Int
        switch Self.scan(buffer) {
        case .success(let measured):
            utf8Count = measured
        case .failure(let error):
            return .failure(error)
        }
        guard utf8Count > 0, let base = buffer.baseAddress else { return .success("") }
        let count = buffer.count
        let string = MS932Lookup.doubleByte.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: utf8Count) { output in
                guard let out = output.baseAddress else { return 0 }
                var index = 0
                var written = 0
                while index < count {
                    if index &+ 8 <= count {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                            index &+= 8
                            written &+= 8
                            continue
                        }
                    }
                    let byte = base[index]
                    let scalar: UInt16
                    if byte < 0x80 {
                        out[written] = byte
                        index &+= 1
                        written &+= 1
                        continue
                    } else if byte >= 0xA1 && byte <= 0xDF {
                        scalar = 0xFF61 &+ UInt16(byte &- 0xA1)
                        index &+= 1
                    } else {
                        // scan() has checked that this is a lead byte with a mapped trail.
                        scalar = table[Int(byte) &<< 8 | Int(base[index &+ 1])]
                        index &+= 2
                    }
                    if scalar < 0x800 {
                        out[written] = UInt8(truncatingIfNeeded: 0xC0 | scalar &>> 6)
                        out[written &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                        written &+= 2
                    } else {
                        out[written] = UInt8(truncatingIfNeeded: 0xE0 | scalar &>> 12)
                        out[written &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar &>> 6) & 0x3F)
                        out[written &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                        written &+= 3
                    }
                }
                return written
            }
        }
        return .success(string)
    }

    // MARK: - Encoding

    /// Result of the byte-level encoding pass; offsets are UTF-8 offsets until mapped to Characters.
    private struct EncodingOutcome {
        var bytes: [UInt8]
        var substitutions: [(utf8Offset: Int, original: Unicode.Scalar, replacement: Unicode.Scalar)]
        var failure: (utf8Offset: Int, scalar: Unicode.Scalar)?
    }

    private static func encode(utf8: UnsafeBufferPointer<UInt8>, lookAlikes: Bool, codes: MS932CodeChoice) -> EncodingOutcome {
        var substitutions: [(utf8Offset: Int, original: Unicode.Scalar, replacement: Unicode.Scalar)] = []
        var failure: (utf8Offset: Int, scalar: Unicode.Scalar)?
        // Every scalar takes at most as many MS932 bytes as UTF-8 bytes, so this capacity always suffices.
        let table = codes == .windows ? MS932Lookup.scalarToCode : MS932Lookup.scalarToNECSelectedCode
        let bytes = table.withUnsafeBufferPointer { reverse in
            [UInt8](unsafeUninitializedCapacity: utf8.count) { output, initializedCount in
                var index = 0
                var written = 0
                defer { initializedCount = written }
                while index < utf8.count {
                    // Eight ASCII bytes at a time; `written <= index` keeps the store inside the capacity.
                    if index &+ 8 <= utf8.count, let source = utf8.baseAddress, let target = output.baseAddress {
                        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
                            index &+= 8
                            written &+= 8
                            continue
                        }
                    }
                    let lead = utf8[index]
                    // ASCII maps to itself, including U+0000 (which the reverse table cannot express).
                    if lead < 0x80 {
                        output[written] = lead
                        written &+= 1
                        index &+= 1
                        continue
                    }
                    let (scalar, length) = Self.decodeUTF8(utf8, at: index)
                    var code: UInt16 = scalar < 0x10000 ? reverse[Int(scalar)] : 0
                    if code == 0 {
                        // Only reached for characters outside MS932, so the linear table search is fine.
                        let original = Unicode.Scalar(scalar)!
                        guard
                            lookAlikes,
                            let entry = Self.lookAlikeTable.first(where: { $0.original == original })
                        else {
                            failure = (index, original)
                            return
                        }
                        code = reverse[Int(entry.replacement.value)]
                        substitutions.append((index, original, entry.replacement))
                    }
                    if code < 0x100 {
                        output[written] = UInt8(truncatingIfNeeded: code)
                        written &+= 1
                    } else {
                        output[written] = UInt8(truncatingIfNeeded: code &>> 8)
                        output[written &+ 1] = UInt8(truncatingIfNeeded: code)
                        written &+= 2
                    }
                    index &+= length
                }
            }
        }
        return EncodingOutcome(bytes: bytes, substitutions: substitutions, failure: failure)
    }

    /// Decodes the non-ASCII scalar starting at `index` of valid UTF-8 (Swift strings always are).
    @inline(__always)
    private static func decodeUTF8(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(utf8[index])
        if lead < 0xE0 {
            return ((lead & 0x1F) &<< 6 | UInt32(utf8[index &+ 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            let scalar = (lead & 0x0F) &<< 12
                | UInt32(utf8[index &+ 1] & 0x3F) &<< 6
                | UInt32(utf8[index &+ 2] & 0x3F)
            return (scalar, 3)
        }
        let scalar = (lead & 0x07) &<< 18
            | UInt32(utf8[index &+ 1] & 0x3F) &<< 12
            | UInt32(utf8[index &+ 2] & 0x3F) &<< 6
            | UInt32(utf8[index &+ 3] & 0x3F)
        return (scalar, 4)
    }

    /// For ascending UTF-8 offsets, finds the Character containing each one and its index in Characters.
    private static func locateCharacters(
        atUTF8Offsets offsets: [Int],
        in string: String
    ) -> [(character: Character, offset: Int)] {
        var located: [(character: Character, offset: Int)] = []
        guard !string.isEmpty else { return located }
        located.reserveCapacity(offsets.count)
        var start = string.startIndex
        var characterOffset = 0
        var next = string.index(after: start)
        for utf8Offset in offsets {
            // One walk over the string in total, since the offsets ascend.
            while string.utf8.distance(from: string.startIndex, to: next) <= utf8Offset {
                start = next
                next = string.index(after: start)
                characterOffset += 1
            }
            located.append((string[start], characterOffset))
        }
        return located
    }
}

/// Why a byte sequence could not be decoded as MS932.
public struct MS932DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of malformed input.
    public enum Reason: String, Sendable {
        /// A single byte that is neither a character nor a lead byte (0x80, 0xA0, 0xFD-0xFF).
        case undefinedByte
        /// A lead byte followed by a byte that does not complete a defined character.
        case undefinedDoubleByte
        /// A lead byte at the very end of the input.
        case truncatedDoubleByte
        /// A user-defined character (外字, lead byte 0xF0-0xF9), which the specification forbids.
        case userDefinedCharacter
    }

    /// Byte offset within the input where the bad sequence starts.
    public let offset: Int
    /// The offending 1 or 2 bytes.
    public let bytes: [UInt8]
    /// What is wrong with `bytes`.
    public let reason: Reason

    /// Creates an error for `bytes` found at byte `offset`.
    public init(offset: Int, bytes: [UInt8], reason: Reason) {
        self.offset = offset
        self.bytes = bytes
        self.reason = reason
    }

    /// Japanese then English, with the bytes in hex and the byte offset.
    public var description: String {
        let hex = self.bytes.map { "0x" + Self.hexDigits($0) }.joined(separator: " ")
        switch self.reason {
        case .undefinedByte:
            return "MS932で定義されていないバイト \(hex) (offset \(self.offset)) / "
                + "undefined MS932 byte \(hex) at byte offset \(self.offset)"
        case .undefinedDoubleByte:
            return "MS932で定義されていないバイト列 \(hex) (offset \(self.offset)) / "
                + "undefined MS932 byte sequence \(hex) at byte offset \(self.offset)"
        case .truncatedDoubleByte:
            return "2バイト文字の途中でデータが終わっています \(hex) (offset \(self.offset)) / "
                + "truncated MS932 double-byte character \(hex) at byte offset \(self.offset)"
        case .userDefinedCharacter:
            return "外字(ユーザー定義文字)は使用できません \(hex) (offset \(self.offset)) / "
                + "user-defined character (gaiji) \(hex) is not allowed, at byte offset \(self.offset)"
        }
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }
}

/// A character of the input that MS932 cannot represent.
public struct MS932EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The character that cannot be encoded.
    public let character: Character
    /// First unencodable scalar of `character`.
    public let scalar: Unicode.Scalar
    /// Index (in Characters) of `character` within the string.
    public let characterOffset: Int

    /// Creates an error for `scalar`, part of `character` at `characterOffset`.
    public init(character: Character, scalar: Unicode.Scalar, characterOffset: Int) {
        self.character = character
        self.scalar = scalar
        self.characterOffset = characterOffset
    }

    /// Japanese then English, naming the character and its code point.
    public var description: String {
        let hex = String(self.scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "MS932で表現できない文字「\(self.character)」(\(code)、文字位置 \(self.characterOffset)) / "
            + "character \"\(self.character)\" (\(code)) at character offset \(self.characterOffset) "
            + "cannot be encoded in MS932"
    }
}

/// What `MS932.encode(_:substitution:)` does with characters outside MS932.
/// Which of two codes to write for a character MS932 has twice (the IBM extensions 0xFA40–0xFC4B and their
/// NEC-selected twins 0xED40–0xEEFC, or a JIS X 0208 / NEC row 13 code).
public enum MS932CodeChoice: String, CaseIterable, Sendable {
    /// The NEC-selected twin (or the JIS / NEC row 13 code): Windows, Python's cp932 and the browser decoders
    /// care software uses all read it. The default.
    case necSelected = "nec"
    /// Windows' choice: the IBM extension where there is one (some browser decoders cannot read 0xFA40–0xFC4B).
    case windows

    /// The IBM-extension range a browser decoder in wide use cannot decode.
    public static let browserDecoderGap: ClosedRange<UInt16> = 0xFA40...0xFC4B
}

public enum MS932SubstitutionPolicy: Sendable {
    /// Throw `MS932EncodingError` for the first character outside MS932.
    case strict
    /// Replace these look-alikes and report each replacement; any other character outside MS932 still throws.
    ///
    /// Every original is outside the repertoire and every replacement is inside it (checked by the tests):
    ///
    /// | Original                        | Replacement                          | MS932  |
    /// |---------------------------------|--------------------------------------|--------|
    /// | U+301C WAVE DASH 〜             | U+FF5E FULLWIDTH TILDE ～            | 0x8160 |
    /// | U+2212 MINUS SIGN −             | U+FF0D FULLWIDTH HYPHEN-MINUS －     | 0x817C |
    /// | U+2016 DOUBLE VERTICAL LINE ‖   | U+2225 PARALLEL TO ∥                 | 0x8161 |
    /// | U+2014 EM DASH —                | U+2015 HORIZONTAL BAR ―              | 0x815C |
    /// | U+00A2 CENT SIGN ¢              | U+FFE0 FULLWIDTH CENT SIGN ￠        | 0x8191 |
    /// | U+00A3 POUND SIGN £             | U+FFE1 FULLWIDTH POUND SIGN ￡       | 0x8192 |
    /// | U+00AC NOT SIGN ¬               | U+FFE2 FULLWIDTH NOT SIGN ￢         | 0x81CA |
    /// | U+00A6 BROKEN BAR ¦             | U+FFE4 FULLWIDTH BROKEN BAR ￤       | 0xEEFA |
    /// | U+203E OVERLINE ‾               | U+FFE3 FULLWIDTH MACRON ￣           | 0x8150 |
    /// | U+00A5 YEN SIGN ¥               | U+FFE5 FULLWIDTH YEN SIGN ￥         | 0x818F |
    /// | U+00A0 NO-BREAK SPACE           | U+0020 SPACE                         | 0x20   |
    ///
    /// The first seven are where JIS X 0208 mappings of Shift_JIS differ from CP932 (text from EUC-JP
    /// or Shift_JIS-mapping tools contains them). U+2010 HYPHEN needs no entry: it is MS932 0x815D.
    case lookAlikes
}

/// One look-alike replacement made while encoding.
public struct MS932Substitution: Equatable, Sendable {
    /// The scalar of the input that MS932 cannot represent.
    public let original: Unicode.Scalar
    /// The scalar that was encoded instead.
    public let replacement: Unicode.Scalar
    /// Index (in Characters) of the character containing `original`.
    public let characterOffset: Int

    /// Creates a record of `original` replaced by `replacement` at `characterOffset`.
    public init(original: Unicode.Scalar, replacement: Unicode.Scalar, characterOffset: Int) {
        self.original = original
        self.replacement = replacement
        self.characterOffset = characterOffset
    }
}

/// MS932 bytes and the look-alike replacements made to produce them.
public struct MS932EncodedText: Equatable, Sendable {
    /// The encoded bytes.
    public let bytes: [UInt8]
    /// Replacements in input order; empty with `.strict`.
    public let substitutions: [MS932Substitution]

    /// Creates an encoded text.
    public init(bytes: [UInt8], substitutions: [MS932Substitution]) {
        self.bytes = bytes
        self.substitutions = substitutions
    }
}

/// Lookup tables expanded from `MS932Tables`; static lets are initialised lazily, once, thread-safely.
enum MS932Lookup {
    /// What a byte means when it starts a character.
    enum ByteClass: UInt8 {
        case ascii
        case halfWidthKatakana
        case lead
        case userDefinedLead
        case undefined
    }

    /// Class of every byte value.
    static let byteClass: [ByteClass] = (0...0xFF).map { (byte: Int) -> ByteClass in
        switch byte {
        case 0x00...0x7F: .ascii
        case 0xA1...0xDF: .halfWidthKatakana
        case 0x81...0x9F, 0xE0...0xEF, 0xFA...0xFC: .lead
        case 0xF0...0xF9: .userDefinedLead
        default: .undefined
        }
    }

    /// Scalar of every double-byte code, indexed by `lead << 8 | trail`; 0 = unmapped.
    static let doubleByte: [UInt16] = {
        let leads = MS932Tables.leadBytes.flatMap { $0 }
        let trails = MS932Tables.trailBytes.flatMap { $0 }
        var table = [UInt16](repeating: 0, count: 0x10000)
        var value: UInt16 = 0
        var digits = 0
        var cell = 0
        for character in MS932Tables.doubleByteHex.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: continue  // line breaks between rows
            }
            value = value << 4 | UInt16(nibble)
            digits += 1
            if digits == 4 {
                let lead = Int(leads[cell / trails.count])
                let trail = Int(trails[cell % trails.count])
                table[lead << 8 | trail] = value
                cell += 1
                digits = 0
                value = 0
            }
        }
        precondition(cell == leads.count * trails.count, "MS932Tables.doubleByteHex is malformed")
        return table
    }()

    /// Canonical code of every BMP scalar (code < 0x100 means one byte); 0 = unmapped, except U+0000.
    static let scalarToCode: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for byte in 0x01...0x7F {
            table[byte] = UInt16(byte)
        }
        for byte in 0xA1...0xDF {
            table[0xFF61 + byte - 0xA1] = UInt16(byte)
        }
        let nonCanonical = Set(MS932Tables.nonCanonicalDoubleByteCodes)
        for (code, scalar) in Self.doubleByte.enumerated() where scalar != 0 {
            if !nonCanonical.contains(UInt16(code)) {
                table[Int(scalar)] = UInt16(code)
            }
        }
        return table
    }()

    /// ``scalarToCode`` with every IBM-extension code (0xFA40–0xFC4B) replaced by the scalar's other code below
    /// 0xFA00 (each of them has one: an NEC-selected twin, or a JIS X 0208 / NEC row 13 code).
    static let scalarToNECSelectedCode: [UInt16] = {
        var table = Self.scalarToCode
        for (code, scalar) in Self.doubleByte.enumerated() where scalar != 0 && code < 0xFA00 {
            let current = table[Int(scalar)]
            if MS932CodeChoice.browserDecoderGap.contains(current) { table[Int(scalar)] = UInt16(code) }
        }
        return table
    }()

    /// Backing store of `MS932.repertoire`.
    static let repertoire: [(bytes: [UInt8], scalar: Unicode.Scalar)] = {
        var pairs: [(bytes: [UInt8], scalar: Unicode.Scalar)] = []
        pairs.reserveCapacity(MS932Tables.singleByteCount + MS932Tables.doubleByteCount)
        for byte in UInt8(0x00)...0x7F {
            pairs.append(([byte], Unicode.Scalar(byte)))
        }
        for byte in UInt8(0xA1)...0xDF {
            pairs.append(([byte], Unicode.Scalar(0xFF61 + UInt16(byte - 0xA1))!))
        }
        for (code, scalar) in Self.doubleByte.enumerated() where scalar != 0 {
            pairs.append(([UInt8(code >> 8), UInt8(code & 0xFF)], Unicode.Scalar(scalar)!))
        }
        return pairs
    }()
}
