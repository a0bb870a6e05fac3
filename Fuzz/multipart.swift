// CarePlan Link — fuzz target: the hub's strict multipart/form-data parser (MultipartFormData).
//
// Compiled in one module with Sources/CarePlanHub/HTTP/Uploads/MultipartFormData.swift, which imports nothing so
// that it can be. The parser replaced MultipartKit because that one read out of range on hostile headers and took a
// cut body for a complete one; this harness checks both. Each input is parsed with up to three boundaries:
//
// * the fixed `CarePlanFuzz` (the seeds use it);
// * the first line without its leading `--`, when the input starts with `--` (the boundary a body announces);
// * `boundary(contentType:)` of the first line, with the rest as body (a Content-Type line, then the body).
//
// and each time with the default limits and with tight ones taken from the last byte. Invariants: body ranges lie
// inside the buffer, ascend and do not overlap, each is followed by CRLF `--boundary`, the last part is followed by
// the closing delimiter, at most `maxParts` parts, error offsets lie inside the buffer, and tight limits either fail
// or give exactly what the default limits give ("anything beyond is an error, never a larger allocation").

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    MultipartFuzz.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

enum MultipartFuzz {
    static let fixedBoundary = "CarePlanFuzz"

    static func run(_ input: UnsafeRawBufferPointer) {
        Self.parse(input, boundary: Self.fixedBoundary, tightness: input.last ?? 0)

        let firstLineEnd = Self.firstLineEnd(input)
        let firstLine = UnsafeRawBufferPointer(rebasing: input[..<firstLineEnd])
        if firstLine.count >= 2, firstLine[0] == 45, firstLine[1] == 45 {
            // The body announces its own boundary: `--boundary` CRLF …; the whole input is the body.
            let boundary = String(decoding: firstLine.dropFirst(2), as: UTF8.self)
            Self.parse(input, boundary: boundary, tightness: input.last ?? 0)
        }

        let contentType = String(decoding: firstLine, as: UTF8.self)
        if let boundary = MultipartFormData.boundary(contentType: contentType) {
            invariant(!boundary.contains(";"), "boundary \(boundary) holds a parameter separator")
            let bodyStart = min(firstLineEnd + 2, input.count)
            Self.parse(UnsafeRawBufferPointer(rebasing: input[bodyStart...]), boundary: boundary, tightness: input.last ?? 0)
        }
    }

    /// The offset of the first CRLF (or the end of the input).
    private static func firstLineEnd(_ input: UnsafeRawBufferPointer) -> Int {
        var index = 0
        while index + 1 < input.count {
            if input[index] == 13 && input[index + 1] == 10 { return index }
            index += 1
        }
        return input.count
    }

    private static func parse(_ body: UnsafeRawBufferPointer, boundary: String, tightness: UInt8) {
        let full = Self.parseChecked(body, boundary: boundary, limits: MultipartFormData.Limits())
        let tight = MultipartFormData.Limits(
            maxParts: 1 + Int(tightness & 0x3), maxHeaderLineBytes: 8 + Int(tightness >> 2) * 4, maxHeadersPerPart: 1 + Int(tightness >> 6))
        let limited = Self.parseChecked(body, boundary: boundary, limits: tight)
        if case .success(let parts) = limited {
            invariant(full == .success(parts), "tight limits gave parts the default limits do not")
        }
    }

    private static func parseChecked(
        _ body: UnsafeRawBufferPointer, boundary: String, limits: MultipartFormData.Limits
    ) -> Result<[MultipartFormData.Part], MultipartFormData.Failure> {
        let result = Result { () throws(MultipartFormData.Failure) -> [MultipartFormData.Part] in
            try MultipartFormData.parse(body, boundary: boundary, limits: limits)
        }
        switch result {
        case .success(let parts):
            Self.checkParts(parts, in: body, boundary: boundary, limits: limits)
        case .failure(let failure):
            Self.checkFailure(failure, in: body)
        }
        return result
    }

    private static func checkParts(_ parts: [MultipartFormData.Part], in body: UnsafeRawBufferPointer, boundary: String, limits: MultipartFormData.Limits) {
        invariant(parts.count <= limits.maxParts, "\(parts.count) parts, limit \(limits.maxParts)")
        let delimiter: [UInt8] = [13, 10, 45, 45] + Array(boundary.utf8)
        var previousEnd = 0
        for (index, part) in parts.enumerated() {
            let range = part.body
            invariant(range.lowerBound >= 0 && range.upperBound <= body.count, "part \(index) body \(range) outside 0..<\(body.count)")
            invariant(range.lowerBound >= previousEnd, "part \(index) body \(range) overlaps or precedes the previous end \(previousEnd)")
            // A body ends where the next delimiter starts.
            let after = range.upperBound + delimiter.count
            invariant(after <= body.count && Array(body[range.upperBound..<after]) == delimiter, "part \(index) is not followed by its delimiter")
            previousEnd = after
            _ = (part.name.utf8.count, part.filename?.utf8.count, part.contentType?.utf8.count)
        }
        // The last delimiter is the closing one: `--` and at most one CRLF.
        let closingStart = parts.isEmpty ? 2 + boundary.utf8.count : previousEnd
        let rest = Array(body[min(closingStart, body.count)...])
        invariant(rest == [45, 45] || rest == [45, 45, 13, 10], "body does not end in a closing delimiter: \(rest.prefix(8))")
    }

    private static func checkFailure(_ failure: MultipartFormData.Failure, in body: UnsafeRawBufferPointer) {
        let offset: Int? =
            switch failure {
            case .malformedDelimiter(let offset), .malformedHeader(let offset), .missingDisposition(let offset), .invalidText(let offset),
                .trailingData(let offset):
                offset
            case .invalidBoundary, .missingFirstDelimiter, .missingClosingDelimiter, .tooManyParts:
                nil
            }
        if let offset {
            invariant(offset >= 0 && offset <= body.count, "\(failure) outside 0...\(body.count)")
        }
    }
}
