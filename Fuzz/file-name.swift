// CarePlan Link — fuzz target: CarePlanFileName(parsing:).
//
// File names come from uploads and from folder listings, so any text reaches the parser. Two ways to build the name:
//
// * a first byte below 0x20 (no real name starts with a control character): take a sample name (second byte) and
//   replace one of its `_` tokens (third byte) with the rest as UTF-8, so the fuzzer works on one token of an
//   otherwise valid name;
// * otherwise the whole input as UTF-8 (invalid sequences become U+FFFD).
//
// A name that parses must format back to itself, byte for byte (FileNameTests.roundTrip: the grammar is ASCII, so
// a name the parser accepts has exactly one spelling), and that must parse to the same value. An error's token
// index must be 0 or within the name's tokens.
import CarePlanCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FileNameFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

enum FileNameFuzz {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        Self.check(Self.name(from: input))
    }

    private static func name(from input: UnsafeBufferPointer<UInt8>) -> String {
        guard input.count >= 3, input[0] < 0x20 else { return String(decoding: input, as: UTF8.self) }
        let template = sampleFileNames[Int(input[1]) % sampleFileNames.count]
        var tokens = template.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        tokens[Int(input[2]) % tokens.count] = String(decoding: UnsafeBufferPointer(rebasing: input[3...]), as: UTF8.self)
        return tokens.joined(separator: "_")
    }

    private static func check(_ name: String) {
        let parsed: CarePlanFileName
        do {
            parsed = try CarePlanFileName(parsing: name)
        } catch {
            let tokenCount = name.split(separator: "_", omittingEmptySubsequences: false).count
            invariant(error.tokenIndex >= 0 && error.tokenIndex <= tokenCount, "token index \(error.tokenIndex) of \(tokenCount): \(error)")
            _ = error.description
            return
        }
        // Compared as bytes: String's == would call a canonically equivalent spelling the same name.
        let formatted = parsed.description
        invariant(formatted.utf8.elementsEqual(name.utf8), "\(name) formats as \(formatted)")
        let reparsed = try? CarePlanFileName(parsing: formatted)
        invariant(reparsed == parsed, "\(formatted) does not parse back to the value of \(name)")
        invariant((parsed.month != nil) == parsed.kind.hasMonthToken, "\(name): month token present iff the kind has one")
        invariant((parsed.imageBranch != nil) == parsed.kind.isImage, "\(name): branch number iff an image")
        _ = parsed.sendUnitKey.description
    }
}
