import Testing
@testable import CarePlanCSV

@Suite("MS932 codec")
struct MS932Tests {
    // MARK: - Repertoire

    @Test("repertoire sizes match the generator")
    func repertoireCounts() {
        let repertoire = MS932.repertoire
        #expect(repertoire.count(where: { $0.bytes.count == 1 }) == MS932Tables.singleByteCount)
        #expect(repertoire.count(where: { $0.bytes.count == 2 }) == MS932Tables.doubleByteCount)
        #expect(Set(repertoire.map(\.scalar)).count == MS932Tables.scalarCount)
        #expect(MS932Tables.singleByteCount == 191)
        #expect(MS932Tables.doubleByteCount == 7724)
        #expect(MS932Tables.scalarCount == 7517)
        // No user-defined (0xF0-0xF9) codes and no Private Use Area scalars.
        #expect(!repertoire.contains { (0xF0...0xF9).contains($0.bytes[0]) })
        #expect(!repertoire.contains { (0xE000...0xF8FF).contains($0.scalar.value) })
    }

    @Test("every mapped character decodes, encodes canonically (Windows' choice with codes: .windows) and round-trips")
    func everyMappedCharacterRoundTrips() throws {
        let nonCanonical = Set(MS932Tables.nonCanonicalDoubleByteCodes)
        for (bytes, scalar) in MS932.repertoire {
            let text = String(scalar)
            #expect(try MS932.decode(bytes) == text, "decode \(bytes)")
            // The default choice differs only inside the browser decoder's gap (WriterCompatibilityTests).
            let nec = try MS932.encode(text).bytes
            #expect(try MS932.decode(nec) == text)
            let encoded = try MS932.encode(text, codes: .windows)
            if encoded.bytes != nec {
                #expect(MS932CodeChoice.browserDecoderGap.contains(UInt16(encoded.bytes[0]) << 8 | UInt16(encoded.bytes[1])))
            }
            #expect(encoded.substitutions.isEmpty)
            let code = bytes.count == 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : UInt16(bytes[0])
            if bytes.count == 2 && nonCanonical.contains(code) {
                // Encodes to the canonical twin instead, which is itself canonical.
                #expect(encoded.bytes != bytes)
                #expect(encoded.bytes.count == 2)
                let twin = UInt16(encoded.bytes[0]) << 8 | UInt16(encoded.bytes[1])
                #expect(!nonCanonical.contains(twin))
            } else {
                #expect(encoded.bytes == bytes, "encode U+\(String(scalar.value, radix: 16))")
            }
            #expect(try MS932.decode(encoded.bytes) == text)
            #expect(MS932.byteCount(of: text) == encoded.bytes.count)
        }
    }

    @Test("known mappings", arguments: [
        ([0x82, 0xA0], 0x3042 as UInt32),  // あ
        ([0x81, 0x60], 0xFF5E),  // FULLWIDTH TILDE, not WAVE DASH
        ([0x81, 0x5C], 0x2015),  // HORIZONTAL BAR, not EM DASH
        ([0x81, 0x7C], 0xFF0D),  // FULLWIDTH HYPHEN-MINUS, not MINUS SIGN
        ([0x87, 0x40], 0x2460),  // ①
        ([0xED, 0x40], 0x7E8A),  // NEC-selected IBM extension
        ([0xFA, 0x40], 0x2170),  // IBM extension ⅰ
        ([0xB1], 0xFF71),  // ｱ
        ([0x5C], 0x005C),  // backslash, not YEN SIGN
        ([0x7E], 0x007E),  // tilde, not OVERLINE
        ([0x00], 0x0000),
    ] as [([UInt8], UInt32)])
    func knownMapping(bytes: [UInt8], scalarValue: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(scalarValue))
        #expect(try MS932.decode(bytes) == String(scalar))
        #expect(MS932.repertoire.contains { $0.bytes == bytes && $0.scalar == scalar })
    }

    @Test("with codes: .windows the encoder writes Windows' duplicates: JIS/NEC row 13 first, then IBM extensions over NEC-selected")
    func canonicalChoices() throws {
        #expect(try MS932.encode("\u{2170}", codes: .windows).bytes == [0xFA, 0x40])  // not 0xEEEF (Python's choice)
        #expect(try MS932.encode("\u{7E8A}", codes: .windows).bytes == [0xFA, 0x5C])  // not 0xED40 (Python's choice)
        #expect(try MS932.encode("\u{FFE4}", codes: .windows).bytes == [0xFA, 0x55])  // not 0xEEFA
        #expect(try MS932.encode("\u{2160}", codes: .windows).bytes == [0x87, 0x54])  // not 0xFA4A
        #expect(try MS932.encode("\u{2252}", codes: .windows).bytes == [0x81, 0xE0])  // not 0x8790
        #expect(try MS932.encode("\u{FFE2}", codes: .windows).bytes == [0x81, 0xCA])  // not 0xEEF9 / 0xFA54
    }

    @Test("by default the encoder writes the NEC-selected twin of an IBM extension, and keeps JIS/NEC row 13 codes")
    func necSelectedChoices() throws {
        #expect(try MS932.encode("\u{2170}").bytes == [0xEE, 0xEF])  // ⅰ, not 0xFA40
        #expect(try MS932.encode("\u{7E8A}").bytes == [0xED, 0x40])  // 纊, not 0xFA5C
        #expect(try MS932.encode("\u{9AD9}").bytes == [0xEE, 0xE0])  // 髙, not 0xFBFC
        #expect(try MS932.encode("\u{FA11}").bytes == [0xED, 0x95])  // 﨑, not 0xFAB1
        #expect(try MS932.encode("\u{FFE4}").bytes == [0xEE, 0xFA])  // ￤, not 0xFA55
        #expect(try MS932.encode("\u{2160}").bytes == [0x87, 0x54])  // Ⅰ: NEC row 13 either way
        #expect(try MS932.encode("\u{FFE2}").bytes == [0x81, 0xCA])  // ￢: JIS either way
        #expect(try MS932.encode("\u{0000}").bytes == [0x00])
        #expect(try MS932.encode("a\r\nｱ").bytes == [0x61, 0x0D, 0x0A, 0xB1])
    }

    // MARK: - Decoding errors

    @Test("undefined single bytes", arguments: [0x80, 0xA0, 0xFD, 0xFE, 0xFF] as [UInt8])
    func undefinedSingleByte(byte: UInt8) {
        #expect(Self.decodingError([byte]) == MS932DecodingError(offset: 0, bytes: [byte], reason: .undefinedByte))
        #expect(Self.decodingError([0x41, 0x82, 0xA0, byte, 0x41])
            == MS932DecodingError(offset: 3, bytes: [byte], reason: .undefinedByte))
    }

    @Test("lead byte at end of input is truncated")
    func truncatedDoubleByte() {
        #expect(Self.decodingError([0x82]) == MS932DecodingError(offset: 0, bytes: [0x82], reason: .truncatedDoubleByte))
        #expect(Self.decodingError([0x41, 0x42, 0xE0])
            == MS932DecodingError(offset: 2, bytes: [0xE0], reason: .truncatedDoubleByte))
        #expect(Self.decodingError([0x41, 0xF0])
            == MS932DecodingError(offset: 1, bytes: [0xF0], reason: .truncatedDoubleByte))
    }

    @Test("user-defined characters (外字) are rejected")
    func userDefinedCharacter() {
        #expect(Self.decodingError([0xF0, 0x40])
            == MS932DecodingError(offset: 0, bytes: [0xF0, 0x40], reason: .userDefinedCharacter))
        #expect(Self.decodingError([0x30, 0xF9, 0xFC])
            == MS932DecodingError(offset: 1, bytes: [0xF9, 0xFC], reason: .userDefinedCharacter))
        // A user-defined lead without a valid trail byte is plain malformed input.
        #expect(Self.decodingError([0xF5, 0x20])
            == MS932DecodingError(offset: 0, bytes: [0xF5, 0x20], reason: .undefinedDoubleByte))
    }

    @Test("undefined double-byte codes")
    func undefinedDoubleByte() {
        #expect(Self.decodingError([0x85, 0x40])
            == MS932DecodingError(offset: 0, bytes: [0x85, 0x40], reason: .undefinedDoubleByte))
        #expect(Self.decodingError([0x82, 0x0A])
            == MS932DecodingError(offset: 0, bytes: [0x82, 0x0A], reason: .undefinedDoubleByte))
        #expect(Self.decodingError([0x81, 0x7F])
            == MS932DecodingError(offset: 0, bytes: [0x81, 0x7F], reason: .undefinedDoubleByte))
    }

    @Test("error offsets count bytes after mixed ASCII, kana and kanji")
    func errorOffsetsAfterMixedText() throws {
        // 20 bytes: kanji and kana between ASCII, then an ASCII run longer than one 8-byte block.
        let prefix = try MS932.encode("ID,山田ｱ,abcdefghij,").bytes
        #expect(prefix.count == 20)
        let bad: [UInt8] = [0x85, 0x40]
        let error = Self.decodingError(prefix + bad + [0x41])
        #expect(error == MS932DecodingError(offset: 20, bytes: bad, reason: .undefinedDoubleByte))
        let scanned = (prefix + bad).withUnsafeBufferPointer { MS932.firstInvalidSequence(in: $0) }
        #expect(scanned == error)
        #expect(Self.decodingError(prefix + [0xF1, 0x80])?.offset == 20)
    }

    @Test("error descriptions are bilingual")
    func errorDescriptions() {
        let error = MS932DecodingError(offset: 12, bytes: [0x85, 0x40], reason: .undefinedDoubleByte)
        #expect(error.description
            == "MS932で定義されていないバイト列 0x85 0x40 (offset 12) / undefined MS932 byte sequence 0x85 0x40 at byte offset 12")
        let gaiji = MS932DecodingError(offset: 0, bytes: [0xF0, 0x09], reason: .userDefinedCharacter)
        #expect(gaiji.description.contains("外字"))
        #expect(gaiji.description.contains("0xF0 0x09"))
        let encoding = MS932EncodingError(character: "🙂", scalar: "\u{1F642}", characterOffset: 3)
        #expect(encoding.description.contains("🙂"))
        #expect(encoding.description.contains("U+1F642"))
        #expect(encoding.description.contains("MS932で表現できない文字"))
        #expect(MS932EncodingError(character: "\u{A0}", scalar: "\u{A0}", characterOffset: 0).description.contains("U+00A0"))
    }

    @Test("decoding works on non-contiguous collections")
    func nonContiguousInput() throws {
        let bytes: [UInt8] = [0x82, 0xA0, 0x41, 0xB1]
        #expect(try MS932.decode(bytes.lazy.map { $0 }) == "あAｱ")
        #expect(try MS932.decode(bytes[1...].dropFirst()) == "Aｱ")
        #expect(try MS932.decode([UInt8]()) == "")
    }

    // MARK: - Encoding

    @Test("strict encoding names the first unencodable character")
    func strictEncodingThrows() {
        #expect(Self.encodingError("ab🙂c")
            == MS932EncodingError(character: "🙂", scalar: "\u{1F642}", characterOffset: 2))
        #expect(Self.encodingError("日本〜")
            == MS932EncodingError(character: "〜", scalar: "\u{301C}", characterOffset: 2))
        // CR LF is one Character; a combining mark makes the error name the whole character.
        #expect(Self.encodingError("\r\nか\u{3099}")
            == MS932EncodingError(character: "か\u{3099}", scalar: "\u{3099}", characterOffset: 1))
        #expect(Self.encodingError("x👨‍👩‍👧y")
            == MS932EncodingError(character: "👨‍👩‍👧", scalar: "\u{1F468}", characterOffset: 1))
        for (original, _) in MS932.lookAlikeTable {
            #expect(Self.encodingError(String(original))?.scalar == original)
        }
    }

    @Test("look-alikes are substituted and reported")
    func lookAlikeSubstitution() throws {
        let encoded = try MS932.encode("10〜20−5", substitution: .lookAlikes)
        #expect(encoded.bytes == [0x31, 0x30, 0x81, 0x60, 0x32, 0x30, 0x81, 0x7C, 0x35])
        #expect(encoded.substitutions == [
            MS932Substitution(original: "\u{301C}", replacement: "\u{FF5E}", characterOffset: 2),
            MS932Substitution(original: "\u{2212}", replacement: "\u{FF0D}", characterOffset: 5),
        ])
        #expect(try MS932.decode(encoded.bytes) == "10～20－5")
        // Offsets are in Characters, not scalars or bytes.
        let afterCluster = try MS932.encode("\r\n山\u{A0}", substitution: .lookAlikes)
        #expect(afterCluster.substitutions.map(\.characterOffset) == [2])
        #expect(afterCluster.bytes == [0x0D, 0x0A, 0x8E, 0x52, 0x20])
        // Characters outside the table still throw.
        #expect(throws: MS932EncodingError(character: "🙂", scalar: "\u{1F642}", characterOffset: 1)) {
            try MS932.encode("〜🙂", substitution: .lookAlikes)
        }
        // Nothing to substitute: same result as strict.
        #expect(try MS932.encode("～", substitution: .lookAlikes) == MS932.encode("～"))
    }

    @Test("look-alike table maps unencodable scalars to encodable ones")
    func lookAlikeTableIsConsistent() throws {
        #expect(MS932.lookAlikeTable.count == 11)
        #expect(Set(MS932.lookAlikeTable.map(\.original)).count == MS932.lookAlikeTable.count)
        for (original, replacement) in MS932.lookAlikeTable {
            #expect(MS932.byteCount(of: String(original)) == nil)
            #expect(MS932.byteCount(of: String(replacement)) != nil)
            let encoded = try MS932.encode(String(original), substitution: .lookAlikes)
            #expect(try MS932.decode(encoded.bytes) == String(replacement))
            #expect(encoded.substitutions == [
                MS932Substitution(original: original, replacement: replacement, characterOffset: 0),
            ])
        }
    }

    @Test("byte counts")
    func byteCounts() {
        #expect(MS932.byteCount(of: "あいう") == 6)
        #expect(MS932.byteCount(of: "ｱ") == 1)
        #expect(MS932.byteCount(of: "🙂") == nil)
        #expect(MS932.byteCount(of: "") == 0)
        #expect(MS932.byteCount(of: "A,\"山田\"\r\n") == 10)
        #expect(MS932.byteCount(of: "〜") == nil)
    }

    // MARK: - Scan versus decode

    @Test("firstInvalidSequence agrees with decode and a reference decoder on random buffers")
    func scanAgreesWithDecode() throws {
        let repertoire = MS932.repertoire
        var reference: [UInt16: Unicode.Scalar] = [:]
        for (bytes, scalar) in repertoire where bytes.count == 2 {
            reference[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = scalar
        }
        var random = SplitMix64(seed: 0x4D53_3933_32)
        var failures = 0
        for _ in 0..<4000 {
            var buffer: [UInt8] = []
            let pieces = Int(random.next() % 24)
            for _ in 0..<pieces {
                switch random.next() % 10 {
                case 0...3:
                    // ASCII runs of varying length exercise the 8-byte fast path.
                    for _ in 0..<Int(random.next() % 13) {
                        buffer.append(UInt8(random.next() % 0x80))
                    }
                case 4...8:
                    buffer += repertoire[Int(random.next() % UInt64(repertoire.count))].bytes
                default:
                    buffer.append(UInt8(truncatingIfNeeded: random.next()))
                }
            }
            let expected = Self.referenceDecode(buffer, reference)
            let scanned = buffer.withUnsafeBufferPointer { MS932.firstInvalidSequence(in: $0) }
            switch expected {
            case .success(let text):
                #expect(scanned == nil)
                #expect(try MS932.decode(buffer) == text)
                let reencoded = try MS932.encode(text)
                #expect(try MS932.decode(reencoded.bytes) == text)
                #expect(MS932.byteCount(of: text) == reencoded.bytes.count)
            case .failure(let error):
                failures += 1
                #expect(scanned == error)
                #expect(Self.decodingError(buffer) == error)
            }
        }
        // Both outcomes must be well represented for the comparison to mean anything.
        #expect(failures > 300 && failures < 3700)
    }

    // MARK: - Helpers

    private static func decodingError(_ bytes: [UInt8]) -> MS932DecodingError? {
        do {
            _ = try MS932.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    private static func encodingError(_ string: String) -> MS932EncodingError? {
        do {
            _ = try MS932.encode(string)
            return nil
        } catch {
            return error
        }
    }

    /// Straightforward byte-at-a-time decoder built from `MS932.repertoire`.
    private static func referenceDecode(
        _ bytes: [UInt8],
        _ doubleBytes: [UInt16: Unicode.Scalar]
    ) -> Result<String, MS932DecodingError> {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x00...0x7F:
                scalars.append(Unicode.Scalar(byte))
                index += 1
            case 0xA1...0xDF:
                scalars.append(Unicode.Scalar(0xFF61 + UInt32(byte) - 0xA1)!)
                index += 1
            case 0x81...0x9F, 0xE0...0xFC:
                guard index + 1 < bytes.count else {
                    return .failure(MS932DecodingError(offset: index, bytes: [byte], reason: .truncatedDoubleByte))
                }
                let trail = bytes[index + 1]
                let isTrail = (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail)
                if (0xF0...0xF9).contains(byte) && isTrail {
                    return .failure(MS932DecodingError(
                        offset: index,
                        bytes: [byte, trail],
                        reason: .userDefinedCharacter
                    ))
                }
                guard let scalar = doubleBytes[UInt16(byte) << 8 | UInt16(trail)] else {
                    return .failure(MS932DecodingError(
                        offset: index,
                        bytes: [byte, trail],
                        reason: .undefinedDoubleByte
                    ))
                }
                scalars.append(scalar)
                index += 2
            default:
                return .failure(MS932DecodingError(offset: index, bytes: [byte], reason: .undefinedByte))
            }
        }
        return .success(String(scalars))
    }
}

/// Deterministic 64-bit generator (SplitMix64) so random tests are reproducible.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
