// CarePlan Link — the conformance report as a page (`careplan conformance --format html`).
import CarePlanCSV
import CarePlanForms
import Testing

@Suite("Conformance report page")
struct ConformanceReportHTMLTests {
    @Test("the HTML page is Japanese, has a section per pattern, and escapes <")
    func html() throws {
        let report = ConformanceKit.check(reports: [FileValidator.validate(bytes: Array("x".utf8), fileName: "<b>x</b>.CSV")])
        #expect(!report.pass && report.unassignedFiles.map(\.file) == ["<b>x</b>.CSV"])
        let page = report.html
        #expect(page.contains("<html lang=\"ja\">") && page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("&lt;b&gt;x&lt;/b&gt;.CSV"))
        #expect(!page.contains("<b>x</b>"))
        #expect(HTMLText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")

        let set = SampleFactory(month: YearMonth(year: 2025, month: 6)!).conformanceSet()
        let full = ConformanceKit.check(reports: set.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name.description, profile: .send) }).html
        for pattern in ConformancePattern.allCases {
            #expect(full.contains("<section id=\"\(pattern.rawValue)\">"), "\(pattern)")
        }
    }
}
