// CarePlan Link — the CSV dialect on raw bytes.
import Testing

@testable import CarePlanCSV

private func read(_ bytes: [UInt8], bufferSize: Int = 1 << 18) -> [(fields: [[UInt8]], quoted: [Bool], terminator: LineTerminator, issues: [CSVSyntaxIssue.Kind], line: Int)] {
    let reader = CSVRecordReader(source: MemoryByteSource(bytes), bufferSize: bufferSize)
    var records: [(fields: [[UInt8]], quoted: [Bool], terminator: LineTerminator, issues: [CSVSyntaxIssue.Kind], line: Int)] = []
    while try! reader.next() {
        records.append((reader.fields, reader.fieldQuoted, reader.terminator, reader.issues.map(\.kind), reader.recordLine))
    }
    return records
}

private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("quoted free text keeps commas, escaped quotes and line breaks")
    func quoting() {
        let records = read(ascii("a,\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\",\r\nb,,\"\"\r\n"))
        #expect(records.count == 2)
        #expect(records[0].fields == [ascii("a"), ascii("x,y"), ascii("say \"hi\""), ascii("two\r\nlines"), []])
        #expect(records[0].quoted == [false, true, true, true, false])
        #expect(records[0].terminator == .crlf)
        #expect(records[1].fields == [ascii("b"), [], []])
        #expect(records[1].line == 3)  // the free text's line break moved record 2 to line 3
    }

    @Test("line endings: CRLF, LF, a final line without one, and a bare CR")
    func lineEndings() {
        let records = read(ascii("a\r\nb\nc\rd"))
        #expect(records.map(\.terminator) == [.crlf, .lf, .cr, .endOfFile])
        #expect(records[2].issues == [.bareCarriageReturn])
        #expect(records.map(\.fields) == [[ascii("a")], [ascii("b")], [ascii("c")], [ascii("d")]])
    }

    @Test("syntax problems are reported, and reading goes on")
    func syntaxProblems() {
        let records = read(ascii("a\"b,c\r\n\"x\"y,z\r\n\"open"))
        #expect(records.count == 3)
        #expect(records[0].issues == [.quoteInUnquotedField])
        #expect(records[1].issues == [.textAfterClosingQuote])
        #expect(records[1].fields[0] == ascii("x"))
        #expect(records[2].issues == [.unterminatedQuote])
    }

    @Test("MS932 text passes through untouched (trail bytes are never delimiters)")
    func ms932() throws {
        let text = "表,\"ソ\"\"能\",\"ﾃｽﾄ\r\n予\""
        let bytes = try MS932.encode(text).bytes
        let records = read(bytes)
        #expect(records.count == 1)
        #expect(try records[0].fields.map { try MS932.decode($0) } == ["表", "ソ\"能", "ﾃｽﾄ\r\n予"])
    }

    @Test("the result does not depend on the buffer size (records split across reads, buffer growth)")
    func bufferIndependence() throws {
        var random = SplitMix64(seed: 42)
        let pieces = ["a", "", "表示", "\"q\"\"uote\"", "\"multi\r\nline, text\"", "12345", "\"\"", "ｱｲｳ"]
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int(random.next() % 8 + 1) {
                let fields = (0..<Int(random.next() % 6 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                text += fields.joined(separator: ",") + (random.next() % 2 == 0 ? "\r\n" : "\n")
            }
            let bytes = try MS932.encode(text).bytes
            let expected = read(bytes)
            for size in [16, 17, 31, 64] {
                let actual = read(bytes, bufferSize: size)
                #expect(actual.map(\.fields) == expected.map(\.fields), "buffer \(size): \(text)")
                #expect(actual.map(\.quoted) == expected.map(\.quoted))
                #expect(actual.map(\.line) == expected.map(\.line))
            }
        }
    }

    @Test("a record longer than the buffer is read whole")
    func longRecord() {
        let long = String(repeating: "あ", count: 5000)
        let bytes = try! MS932.encode("1,\"\(long)\",3\r\n").bytes
        let records = read(bytes, bufferSize: 64)
        #expect(records.count == 1)
        #expect(records[0].fields[1].count == 10000)
    }
}
