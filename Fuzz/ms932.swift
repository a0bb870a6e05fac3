// CarePlan Link — fuzz target: MS932.decode, and the strict encoder on what it decoded.
//
// Every uploaded CSV file goes through the MS932 decoder, which reads raw memory (eight bytes at a time) and writes
// into an exactly sized String, so an off-by-one is memory corruption rather than a wrong answer. Checked here only
// what MS932.swift documents:
//
// * `firstInvalidSequence(in:)` returns the error `decode(_:)` would throw;
// * decoding a non-contiguous collection gives the same result as decoding the buffer;
// * an error is the *first* bad sequence: its offset and bytes lie in the input and everything before decodes;
// * a decoded string is all repertoire, so it encodes (strict, and `.lookAlikes` without substitutions), its
//   `byteCount(of:)` is the encoded length, and the encoded bytes decode to the same string. The bytes themselves
//   may differ from the input: non-canonical codes (NEC-selected IBM twins) encode to their canonical twin.
import CarePlanCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    MS932Fuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

enum MS932Fuzz {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        let decoded = Result { () throws(MS932DecodingError) -> String in try MS932.decode(input) }
        invariant(MS932.firstInvalidSequence(in: input) == decoded.failure, "firstInvalidSequence disagrees with decode")

        // The same bytes through the copying path for collections without contiguous storage.
        let lazy = Result { () throws(MS932DecodingError) -> String in try MS932.decode(input.lazy.map { $0 }) }
        invariant(lazy == decoded, "non-contiguous decode differs")

        switch decoded {
        case .failure(let error):
            Self.checkError(error, in: input)
        case .success(let text):
            Self.checkRoundTrip(text)
        }
    }

    private static func checkError(_ error: MS932DecodingError, in input: UnsafeBufferPointer<UInt8>) {
        let end = error.offset + error.bytes.count
        invariant(error.offset >= 0 && (1...2).contains(error.bytes.count) && end <= input.count, "error outside the input: \(error)")
        invariant(Array(input[error.offset..<end]) == error.bytes, "error bytes are not the input's: \(error)")
        if error.reason == .truncatedDoubleByte {
            invariant(end == input.count, "truncated double byte before the end: \(error)")
        }
        // Throws on the *first* bad sequence: the bytes before it are all defined.
        let prefix = UnsafeBufferPointer(rebasing: input[..<error.offset])
        invariant(MS932.firstInvalidSequence(in: prefix) == nil, "an earlier bad sequence than \(error)")
    }

    private static func checkRoundTrip(_ text: String) {
        let encoded: MS932EncodedText
        do {
            encoded = try MS932.encode(text)
        } catch {
            invariant(false, "decoded text does not encode: \(error)")
            return
        }
        invariant(encoded.substitutions.isEmpty, "strict encoding substituted")
        invariant(MS932.byteCount(of: text) == encoded.bytes.count, "byteCount differs from the encoded length")
        let again = Result { () throws(MS932DecodingError) -> String in try MS932.decode(encoded.bytes) }
        invariant(again == .success(text), "encode then decode changed the text")
        // Nothing in decoded text is outside MS932, so look-alike substitution has nothing to replace.
        let lookAlikes = try? MS932.encode(text, substitution: .lookAlikes)
        invariant(lookAlikes == encoded, "look-alike encoding differs on repertoire text")
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
