// CarePlan Link — fuzz target: the streaming CSV record reader (CSVRecordReader).
//
// The reader parses in place in a buffer it moves and grows by hand (raw pointers, exclusivity checks off), so
// AddressSanitizer is the main check. Besides that, the input is read three ways and must give the same records
// ("the result does not depend on the buffer size", CSVReaderTests.bufferIndependence):
//
// 1. the default 256 KiB buffer, whole input in one read (the reference);
// 2. a small buffer (16–32 bytes, the minimum is 16), so records straddle reads and the buffer grows;
// 3. a small buffer fed by a source that returns a few bytes per read, like a slow pipe.
//
// Per record: fields lie inside the record's raw bytes, offsets are contiguous (the next record starts after this
// one's terminator), issues point into the record, and at the end every input byte has been consumed.
import CarePlanCSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    CSVReaderFuzz.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// A ByteSource that hands out 1…`maxStep` bytes per call, so the reader sees short reads at every position.
///
/// Every short read makes the reader parse the pending record again from its start, so steps of a few bytes on the
/// larger inputs would dominate the run time; `maxStep` grows with the input.
struct TrickleByteSource: ByteSource {
    private let bytes: [UInt8]
    private let maxStep: Int
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.maxStep = 7 + bytes.count / 128
    }

    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        let step = 1 + (self.position &* 5 &+ 3) % self.maxStep
        let count = min(buffer.count, self.bytes.count - self.position, step)
        guard count > 0 else { return 0 }
        for index in 0..<count { buffer[index] = self.bytes[self.position + index] }
        self.position += count
        return count
    }
}

/// What a caller can observe of one record.
struct RecordSnapshot: Equatable {
    var fields: [[UInt8]]
    var quoted: [Bool]
    var terminator: LineTerminator
    var issues: [CSVSyntaxIssue]
    var line: Int
    var number: Int
    var offset: Int
    var rawCount: Int
}

enum CSVReaderFuzz {
    static func run(_ bytes: [UInt8]) {
        let reference = Self.read(MemoryByteSource(bytes), bufferSize: 1 << 18, total: bytes.count)
        // The small size depends on the input so that the corpus covers every split position over time.
        let small = 16 + bytes.count % 17
        let split = Self.read(MemoryByteSource(bytes), bufferSize: small, total: bytes.count)
        invariant(split == reference, "records differ with a \(small)-byte buffer")
        let trickled = Self.read(TrickleByteSource(bytes), bufferSize: small, total: bytes.count)
        invariant(trickled == reference, "records differ with short reads into a \(small)-byte buffer")
    }

    private static func read<Source: ByteSource>(_ source: Source, bufferSize: Int, total: Int) -> [RecordSnapshot] {
        let reader = CSVRecordReader(source: source, bufferSize: bufferSize)
        var records: [RecordSnapshot] = []
        var expectedOffset = 0
        var previousTerminator: LineTerminator?
        while Self.next(reader) {
            invariant(previousTerminator != .endOfFile, "a record after the end-of-file record")
            let rawCount = reader.withRecord { record in Self.checkView(record) }
            let offset = reader.recordOffset
            invariant(offset == expectedOffset, "record \(reader.recordNumber) at \(offset), expected \(expectedOffset)")
            invariant(reader.fieldCount >= 1, "a record without fields")
            for index in 0..<reader.fieldCount {
                let fieldOffset = reader.fieldOffset(index)
                invariant(fieldOffset >= offset && fieldOffset <= offset + rawCount, "field \(index) offset outside its record")
            }
            for issue in reader.issues {
                invariant(issue.byteOffset >= offset && issue.byteOffset <= offset + rawCount, "issue outside its record: \(issue)")
                invariant(issue.fieldIndex >= 0 && issue.fieldIndex < reader.fieldCount, "issue names a missing field: \(issue)")
                invariant(issue.line >= reader.recordLine, "issue before its record's line: \(issue)")
            }
            let terminatorLength: Int =
                switch reader.terminator {
                case .crlf: 2
                case .lf, .cr: 1
                case .endOfFile: 0
                }
            expectedOffset = offset + rawCount + terminatorLength
            invariant(reader.bytesConsumed == expectedOffset, "bytesConsumed \(reader.bytesConsumed), expected \(expectedOffset)")
            records.append(
                RecordSnapshot(
                    fields: reader.fields, quoted: reader.fieldQuoted, terminator: reader.terminator, issues: reader.issues,
                    line: reader.recordLine, number: reader.recordNumber, offset: offset, rawCount: rawCount))
            previousTerminator = reader.terminator
        }
        invariant(expectedOffset == total && reader.bytesConsumed == total, "consumed \(reader.bytesConsumed) of \(total) bytes")
        return records
    }

    private static func next<Source: ByteSource>(_ reader: CSVRecordReader<Source>) -> Bool {
        do {
            return try reader.next()
        } catch {
            invariant(false, "an in-memory source failed: \(error)")
            return false
        }
    }

    /// Every field lies inside the record's raw bytes, which lie inside the buffer; returns the raw length.
    private static func checkView(_ record: CSVRecordView) -> Int {
        guard let buffer = record.buffer.baseAddress, let raw = record.raw.baseAddress else {
            invariant(record.raw.isEmpty, "raw bytes without a buffer")
            return record.raw.count
        }
        let rawStart = raw - buffer
        let rawEnd = rawStart + record.raw.count
        invariant(rawStart >= 0 && rawEnd <= record.buffer.count, "raw record outside the buffer")
        invariant(record.starts.count == record.count && record.ends.count == record.count && record.quoted.count == record.count, "view counts differ")
        var previousEnd = rawStart
        for index in 0..<record.count {
            let start = record.starts[index]
            let end = record.ends[index]
            invariant(start <= end && start >= previousEnd && end <= rawEnd, "field \(index) \(start)..<\(end) outside \(rawStart)..<\(rawEnd)")
            previousEnd = end
        }
        return record.raw.count
    }
}
