// CarePlan Link — what our writer emits is read by every tested reader: Python's cp932, and a browser MS932 decoder
// that cannot decode the IBM extensions 0xFA40–0xFC4B; empty free text is written `""` and files written that way
// come back byte-identical.
import Foundation
import Testing

@testable import CarePlanCSV

@Suite("Writer compatibility")
struct WriterCompatibilityTests {
    /// Every double-byte code of the repertoire, with its scalar.
    static let doubleByteCharacters: [(code: UInt16, scalar: Unicode.Scalar)] = MS932.repertoire.filter { $0.bytes.count == 2 }.map {
        (UInt16($0.bytes[0]) << 8 | UInt16($0.bytes[1]), $0.scalar)
    }

    /// The double-byte codes in `bytes` (lead and trail), in order.
    static func doubleByteCodes(_ bytes: [UInt8]) -> [UInt16] {
        var codes: [UInt16] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) {
                codes.append(UInt16(byte) << 8 | UInt16(bytes[index + 1]))
                index += 2
            } else {
                index += 1
            }
        }
        return codes
    }

    @Test("the default writes no code the browser decoder cannot read, for every character MS932 has; .windows writes Windows' IBM codes")
    func noBrowserGapCodes() throws {
        let scalars = Set(Self.doubleByteCharacters.map(\.scalar))
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.sorted { $0.value < $1.value })
        let string = String(text)
        let nec = try MS932.encode(string).bytes
        let gap = Self.doubleByteCodes(nec).filter { MS932CodeChoice.browserDecoderGap.contains($0) }
        #expect(gap.isEmpty, "codes in the gap: \(gap.prefix(5).map { String($0, radix: 16) })")
        #expect(try MS932.decode(nec) == string)
        let windows = try MS932.encode(string, codes: .windows).bytes
        let windowsGap = Self.doubleByteCodes(windows).filter { MS932CodeChoice.browserDecoderGap.contains($0) }
        // The IBM extensions Windows prefers: 388 codes minus the 15 with a JIS / NEC row 13 twin Windows picks instead
        // (Ⅰ–Ⅹ, ￢, ㈱, №, ℡, ∵): the 373 characters where the two choices differ (docs/INTERPRETATIONS.md §14).
        #expect(windowsGap.count == 373, "\(windowsGap.count)")
        #expect(try MS932.decode(windows) == string)
    }

    @Test("the gap table: every IBM-extension character also has a code outside 0xFA40–0xFC4B")
    func everyGapCharacterHasATwin() {
        let inGap = Self.doubleByteCharacters.filter { MS932CodeChoice.browserDecoderGap.contains($0.code) }
        #expect(inGap.count == 388)
        let outside = Set(Self.doubleByteCharacters.filter { !MS932CodeChoice.browserDecoderGap.contains($0.code) }.map(\.scalar))
        #expect(inGap.filter { !outside.contains($0.scalar) }.isEmpty)
    }

    @Test("Python's cp932 decodes our output of every MS932 character to the same text, and encodes it to the same bytes")
    func pythonAgrees() throws {
        let python = try #require(
            ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }, "python3 is needed (test-all.sh installs it)")
        var text = String.UnicodeScalarView()
        text.append(contentsOf: Set(Self.doubleByteCharacters.map(\.scalar)).sorted { $0.value < $1.value })
        let string = String(text)
        let ours = try MS932.encode(string).bytes
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-cp932-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(ours).write(to: folder.appendingPathComponent("ours.bin"))
        try Data(string.utf8).write(to: folder.appendingPathComponent("text.txt"))
        let script = """
            import sys
            ours = open(sys.argv[1] + '/ours.bin', 'rb').read()
            text = open(sys.argv[1] + '/text.txt', encoding='utf-8').read()
            print('decoded', ours.decode('cp932') == text)
            print('encoded', text.encode('cp932') == ours)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, folder.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("decoded True"), "\(printed)")
        #expect(printed.contains("encoded True"), "\(printed)")
    }

    @Test("the writer's codes option reaches the file: 髙橋 﨑子 as the plan creator")
    func writerOption() throws {
        let factory = SampleFactory(month: Fixtures.june, userCount: 1)
        var record = factory.users.map(factory.table1)[0]
        record.planCreatorName = "髙橋　﨑子"
        let nec = try CarePlanCSVWriter.write([record]).bytes
        let windows = try CarePlanCSVWriter.write([record], codes: .windows).bytes
        #expect(Self.doubleByteCodes(nec).contains(0xEEE0) && !Self.doubleByteCodes(nec).contains(0xFBFC))
        #expect(Self.doubleByteCodes(windows).contains(0xFBFC))
        let name = factory.fileName(.carePlanTable1, SampleOffices.careManager, SampleOffices.homeHelp).description
        #expect(FileValidator.validate(bytes: nec, fileName: name).isValid)
        #expect(FileValidator.validate(bytes: windows, fileName: name).isValid)
    }

    @Test("empty free text is written as \"\" (the footnote encloses every free-text item); other Null items stay empty")
    func emptyFreeTextIsQuoted() throws {
        let factory = SampleFactory(month: Fixtures.june, userCount: 1)
        var record = factory.users.map(factory.table1)[0]
        record.overallAssistancePolicy = nil
        let bytes = try CarePlanCSVWriter.write([record]).bytes
        let layout = FileLayout.current(.carePlanTable1)
        let reader = CSVRecordReader(source: MemoryByteSource(bytes))
        #expect(try reader.next())
        for (index, field) in layout.fields.enumerated() where index > 0 {
            let empty = reader.withField(index) { $0.isEmpty }
            guard empty else { continue }
            #expect(reader.isQuoted(index) == field.isFreeText, "No.\(field.number) \(field.name)")
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains(",\"\","))
        let name = factory.fileName(.carePlanTable1, SampleOffices.careManager, SampleOffices.homeHelp).description
        #expect(FileValidator.validate(bytes: bytes, fileName: name).diagnostics.isEmpty)
    }

    @Test("a file written with \"\" for empty free text comes back byte-identical through JSON; one written with ,, keeps its values")
    func independentFilesRoundTrip() throws {
        for pattern in SamplePattern.allCases {
            for file in Fixtures.unit(pattern) where !file.name.hasSuffix(".jpg") {
                let document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
                let json = try JSONEncoder().encode(document)
                let back = try JSONDecoder().decode(CarePlanDocument.self, from: json)
                #expect(try back.write().bytes == file.bytes, "\(file.name)")
            }
        }
        // The other dialect: empty free text unquoted. The values survive; the bytes become the quoted form.
        let file = Fixtures.file(.carePlanTable1)
        let bare = Fixtures.edited(file) { csv in
            for row in csv.rows.indices {
                for column in csv.rows[row].indices where csv.rows[row][column].isEmpty { csv.quoted[row][column] = false }
            }
        }
        #expect(bare.bytes != file.bytes)
        let document = try CarePlanDocument.read(bytes: bare.bytes, fileName: bare.name)
        #expect(try document.write().bytes == file.bytes)
    }
}
