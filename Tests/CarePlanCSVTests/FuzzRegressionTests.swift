// CarePlan Link — inputs the fuzz targets (Fuzz/, Scripts/fuzz.sh) found, kept as tests.
import Testing

@testable import CarePlanCSV

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// file-name target: a name that parsed but did not format back to itself. `String.hasPrefix` compares up to
    /// canonical equivalence, and U+212A KELVIN SIGN is canonically equivalent to K, so `UP1\u{212A}YO_…` was read as
    /// an UP1KYO file: the validator passed a name no recipient accepts.
    @Test("a prefix spelt with a look-alike of K is not a prefix")
    func kelvinSignInPrefix() {
        for text in [
            "UP1\u{212A}YO_1310100012_43_1310100021_11_20250525180000.CSV",
            "UP\u{212A}IHON_1310100055_46_1310100063_A6_20250525180006.CSV",
        ] {
            #expect {
                try CarePlanFileName(parsing: text)
            } throws: { error in
                (error as? FileNameError)?.problem == .unknownPrefix
            }
        }
    }

    /// The same fix compares the prefix's `_` as a byte, so a combining mark after it now stays in the next token
    /// (where it is not a digit) rather than being dropped with the `_` it combines with.
    @Test("a combining mark after the prefix is not dropped with it")
    func combiningMarkAfterPrefix() {
        #expect(throws: FileNameError.self) {
            try CarePlanFileName(parsing: "UP1KYO_\u{301}1310100012_43_1310100021_11_20250525180000.CSV")
        }
    }
}
