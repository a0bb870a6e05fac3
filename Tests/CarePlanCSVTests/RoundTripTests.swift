// CarePlan Link — writer and reader agree: write(parse(bytes)) == bytes and parse(write(x)) == x.
import Foundation
import Testing

@testable import CarePlanCSV

@Suite("Round trips")
struct RoundTripTests {
    @Test("write(parse(bytes)) == bytes for every sample file", arguments: SamplePattern.allCases)
    func canonicalFiles(_ pattern: SamplePattern) throws {
        for file in Fixtures.unit(pattern) where !file.name.hasSuffix(".jpg") {
            let document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
            #expect(!document.records.isEmpty)
            #expect(try document.write().bytes == file.bytes, "\(file.name)")
        }
    }

    @Test("parse(write(x)) == x for random valid records (property, 300 cases)")
    func randomRecords() throws {
        var random = SplitMix64(seed: 7)
        let texts = ["", "普通の文", "カンマ, を含む", "\"引用\"と\"\"", "改行\r\nを含む", "髙﨑・①・ⅰ・￢", "ﾊﾝｶｸｶﾅ", "tab\tと空白 "]
        for _ in 0..<300 {
            let month = YearMonth(year: 2025 + Int(random.next() % 3), month: 1 + Int(random.next() % 12))!
            let factory = SampleFactory(month: month, userCount: 1 + Int(random.next() % 4), seed: random.next())
            var table1 = factory.users.map(factory.table1)
            for index in table1.indices {
                let text = texts[Int(random.next() % UInt64(texts.count))]
                table1[index].overallAssistancePolicy = text.isEmpty ? nil : text
                table1[index].userAddress2 = texts[Int(random.next() % UInt64(texts.count))].nilIfEmpty
            }
            let written = try CarePlanCSVWriter.write(table1)
            let name = factory.fileName(.carePlanTable1, SampleOffices.careManager, SampleOffices.homeHelp).description
            let file = try CarePlanCSVReader.read(CarePlanTable1Record.self, bytes: written.bytes, fileName: name)
            #expect(file.records == table1)
            #expect(file.csvVersion == .current)

            let plan = factory.users.flatMap { factory.planRows($0, offices: factory.plannedOffices) }
            let planName = factory.fileName(.serviceUsePlan, SampleOffices.careManager, SampleOffices.homeHelp, month: .month(month)).description
            let planFile = try CarePlanCSVReader.read(ServiceUsePlanRecord.self, bytes: try CarePlanCSVWriter.write(plan).bytes, fileName: planName)
            #expect(planFile.records == plan)
        }
    }

    @Test("JSON documents round-trip to the same bytes")
    func json() throws {
        let file = Fixtures.file(.serviceUseAnnex)
        let document = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name)
        let encoder = JSONEncoder()
        let json = try encoder.encode(document)
        let back = try JSONDecoder().decode(CarePlanDocument.self, from: json)
        #expect(back.kind == .serviceUseAnnex)
        #expect(try back.write().bytes == file.bytes)
    }

    @Test("characters outside MS932 fail strictly, and look-alikes are substituted only on request")
    func substitution() throws {
        var record = SampleFactory(month: Fixtures.june, userCount: 1).users.map(SampleFactory(month: Fixtures.june, userCount: 1).table1)[0]
        record.overallAssistancePolicy = "9時〜17時 − 見守り"
        #expect(throws: CarePlanCSVWriter.WriteError.self) { try CarePlanCSVWriter.write([record]) }
        let output = try CarePlanCSVWriter.write([record], substitution: .lookAlikes)
        #expect(output.substitutions.map(\.original) == ["\u{301C}", "\u{2212}"])
        #expect(output.substitutions.allSatisfy { $0.item == 24 && $0.row == 1 })
        let read = try CarePlanCSVReader.read(CarePlanTable1Record.self, bytes: output.bytes, fileName: Fixtures.file(.carePlanTable1).name)
        #expect(read.records[0].overallAssistancePolicy == "9時～17時 － 見守り")
    }
}

extension String {
    var nilIfEmpty: String? { self.isEmpty ? nil : self }
}
