// CarePlan Link — naming sample units on the command line and keeping several apart.
import Testing

@testable import CarePlanCSV

@Suite("Sample naming")
struct SampleNamingTests {
    @Test("patterns by name, units by a kind prefix in any case; other names refused")
    func named() {
        #expect(SamplePattern(patternOrKind: "monthly-plan") == .monthlyPlan)
        #expect(SamplePattern(patternOrKind: "upplan") == SamplePattern.containing(.serviceUsePlan))
        #expect(SamplePattern(patternOrKind: "UPJSK") == SamplePattern.containing(.serviceResults))
        #expect(SamplePattern(patternOrKind: "Monthly-Plan") == nil)
        #expect(SamplePattern(patternOrKind: "UPNOTHING") == nil)
    }

    @Test("numbered factories differ only in the ファイル連番 seconds, wrapping at 60")
    func numbered() {
        let factory = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 1)
        let base = factory.timestamp.description
        #expect(factory.numbered(0).timestamp.description == base.prefix(12) + "00")
        #expect(factory.numbered(7).timestamp.description == base.prefix(12) + "07")
        #expect(factory.numbered(61).timestamp.description == base.prefix(12) + "01")
        #expect(factory.numbered(7).files(for: .monthlyPlan).map(\.bytes) != factory.files(for: .monthlyPlan).map(\.bytes)
            || factory.numbered(7).files(for: .monthlyPlan).map(\.name) != factory.files(for: .monthlyPlan).map(\.name))
    }
}
