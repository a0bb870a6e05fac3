// CarePlan Link — fuzz target: FileValidator.validate(bytes:fileName:) and SendUnitValidator.validate(_:).
//
// The validators are what the hub runs on every upload; fuzzed contents under real names reach the layout, field,
// row and cross-file rules rather than stopping at the file-name check. Input format (Scripts/fuzz.sh writes its
// seeds from Samples/ this way):
//
//     selector contents [FF FE selector contents]…     (at most 4 files; later FF FE stay in the 4th file)
//
// The selector byte picks a name from `sampleFileNames` (generated from `ls Samples` at build time), so the kinds,
// months and send units are real. FF and FE are undefined in MS932, so the separator never occurs in valid CSV.
//
// Checked: each report names its file and counts every byte, diagnostics stay within the cap, and the send units
// hold exactly the files whose names parsed.
import CarePlanCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SendUnitFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

enum SendUnitFuzz {
    static let maxFiles = 4

    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        var reports: [FileReport] = []
        for segment in Self.segments(input) {
            guard let selector = segment.first else { continue }
            let name = sampleFileNames[Int(selector) % sampleFileNames.count]
            let contents = Array(segment.dropFirst())
            let report = FileValidator.validate(bytes: contents, fileName: name)
            invariant(report.file == name, "report for \(report.file), validated \(name)")
            invariant(report.byteCount == contents.count, "\(name): \(report.byteCount) of \(contents.count) bytes counted")
            invariant(report.diagnostics.count <= FileValidator.diagnosticCap, "\(name): \(report.diagnostics.count) diagnostics kept")
            for diagnostic in report.diagnostics { _ = diagnostic.description }
            reports.append(report)
        }
        let units = SendUnitValidator.validate(reports)
        let named = reports.filter { $0.name != nil }
        invariant(units.map(\.files.count).reduce(0, +) == named.count, "\(named.count) named files, units hold \(units.map(\.files))")
        for unit in units {
            invariant(unit.files == unit.files.sorted(), "unit files not sorted: \(unit.files)")
            for diagnostic in unit.diagnostics { _ = diagnostic.description }
            _ = unit.isValid
        }
    }

    /// Up to `maxFiles` pieces of `input`, split at FF FE.
    private static func segments(_ input: UnsafeBufferPointer<UInt8>) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var pieces: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = 0
        var index = 0
        while index + 1 < input.count, pieces.count < Self.maxFiles - 1 {
            if input[index] == 0xFF && input[index + 1] == 0xFE {
                pieces.append(input[start..<index])
                start = index + 2
                index = start
            } else {
                index += 1
            }
        }
        pieces.append(input[start...])
        return pieces
    }
}
