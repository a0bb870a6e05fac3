// CarePlan Link — files shown as they are read, valid or not (`careplan show`).
import Testing

@testable import CarePlanCSV

@Suite("RecordListing")
struct RecordListingTests {
    let file = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2).files(for: .carePlanDeletion)[0]

    @Test("the raw reader finds the version and layout from the first record and keeps only the first records")
    func raw() {
        let all = RawCarePlanFile(bytes: self.file.bytes, kind: self.file.name.kind)
        #expect(all.versionText == CSVVersion.current.rawValue)
        #expect(all.layout?.fields.count == (try? FileLayout.layout(of: self.file.name.kind, version: .current))?.fields.count)
        #expect(all.rowCount == 2 && all.rows.count == 2)
        #expect(all.rows.map(\.number) == [1, 2])
        let first = RawCarePlanFile(bytes: self.file.bytes, kind: self.file.name.kind, limit: 1)
        #expect(first.rowCount == 2 && first.rows.count == 1)

        var unknown = self.file.bytes
        unknown[0] = UInt8(ascii: "9")  // a CSVバージョン no layout has
        let strange = RawCarePlanFile(bytes: unknown, kind: self.file.name.kind)
        #expect(strange.layout == nil && strange.rowCount == 2)
    }

    @Test("the listing names items, pads numbers, counts rows, and still shows a file with an unknown version and bytes that are not MS932")
    func listing() {
        let text = RecordListing.render(bytes: self.file.bytes, fileName: self.file.name, name: "x.CSV", limit: 1)
        #expect(text.contains("No. 3 被保険者番号"))
        #expect(text.contains("… 1 more rows (--limit)"))
        #expect(text.hasSuffix("計 2 行 / 2 rows"))

        var broken = self.file.bytes
        broken[0] = UInt8(ascii: "9")
        broken[broken.count - 3] = 0xFF  // not a lead byte of MS932
        let shown = RecordListing.render(bytes: broken, fileName: self.file.name, name: "x.CSV", limit: 10)
        #expect(shown.contains("（レイアウト不明 / unknown layout）"))
        #expect(shown.contains("列3"))
        #expect(shown.contains("<MS932でない/invalid MS932>"))
    }

    @Test("line breaks inside a value are shown as ⏎, and full-width characters count two columns")
    func breaksAndWidth() {
        #expect(RecordListing.displayWidth("No. 3 被保険者番号") == 6 + 12)
        let csv = Array("202407,\"a\r\nb\nc\"\r\n".utf8)
        let text = RecordListing.render(bytes: csv, fileName: self.file.name, name: "x.CSV", limit: 1)
        #expect(text.contains("a⏎b⏎c"))
    }
}
