// CarePlan Link — what a hand-edited document's JSON got wrong, in one line.
import Foundation
import Testing

@testable import CarePlanCSV

@Suite("DecodingError.explanation")
struct DecodingErrorTests {
    struct Sample: Decodable {
        struct Inner: Decodable { let month: Int }
        let items: [Inner]
    }

    @Test("missing keys and wrong types name the key path")
    func explanation() {
        do {
            _ = try JSONDecoder().decode(Sample.self, from: Data(#"{"items": [{"month": 1}, {}]}"#.utf8))
            Issue.record("decoded")
        } catch let error as DecodingError {
            #expect(error.explanation == "missing key \"month\" at items.Index 1")
        } catch { Issue.record("\(error)") }
        do {
            _ = try JSONDecoder().decode(Sample.self, from: Data(#"{"items": [{"month": "x"}]}"#.utf8))
            Issue.record("decoded")
        } catch let error as DecodingError {
            #expect(error.explanation.hasSuffix(" at items.Index 0.month"))
        } catch { Issue.record("\(error)") }
    }
}
