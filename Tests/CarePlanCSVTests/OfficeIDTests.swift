// CarePlan Link — offices as people type them (事業所番号_サービス種類).
import Testing

@testable import CarePlanCSV

@Suite("OfficeID parsing")
struct OfficeIDTests {
    @Test("10 digits, an underscore and a known サービス種類コード; the text formats back")
    func accepted() throws {
        let office = try #require(OfficeID(parsing: "1310100012_43"))
        #expect(office.number == "1310100012")
        #expect(office.serviceType == "43")
        #expect(office.description == "1310100012_43")
        #expect(OfficeID(parsing: "0300000100_A6")?.serviceType == "A6")
    }

    @Test(
        "anything else is refused",
        arguments: [
            "131010001_43", "13101000123_43", "1310100012", "1310100012_", "_43", "1310100012_43_11", "131010001X_43", "１３１０１０００１２_43",
            "1310100012_ZZ", "1310100012_431", "1310100012-43", "",
        ])
    func refused(_ text: String) {
        #expect(OfficeID(parsing: text) == nil)
    }
}
