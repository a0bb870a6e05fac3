// CarePlan Link — CarePlanCSV
// The CSV dialect of the standard, on raw MS932 bytes. MS932 trail bytes are 0x40–0xFC, so `,` `"` CR and LF never
// occur inside a double-byte character and can be found without decoding.

/// How a record ended.
public enum LineTerminator: String, Sendable, Codable {
    case crlf = "CRLF"
    case lf = "LF"
    /// A bare CR (old Mac style): not accepted.
    case cr = "CR"
    /// The last record of a file without a final line break.
    case endOfFile = "EOF"
}

/// A syntax problem of the CSV layer, located in the input.
public struct CSVSyntaxIssue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `"` inside a field that does not start with `"`.
        case quoteInUnquotedField
        /// Characters between a closing `"` and the next `,` or line break.
        case textAfterClosingQuote
        /// The file ends inside a quoted field.
        case unterminatedQuote
        /// A CR not followed by LF outside quotes.
        case bareCarriageReturn
    }

    public let kind: Kind
    /// 0-based field index within the record.
    public let fieldIndex: Int
    /// Absolute byte offset in the input.
    public let byteOffset: Int
    /// 1-based physical line.
    public let line: Int
}

/// The current record as pointers into the reader's buffer; valid only inside ``CSVRecordReader/withRecord(_:)``.
public struct CSVRecordView {
    /// The record's raw bytes, quotes and commas included (the line terminator excluded).
    public let raw: UnsafeBufferPointer<UInt8>
    /// The whole buffer; field i is `buffer[starts[i]..<ends[i]]`, unescaped.
    public let buffer: UnsafeBufferPointer<UInt8>
    public let starts: UnsafeBufferPointer<Int>
    public let ends: UnsafeBufferPointer<Int>
    public let quoted: UnsafeBufferPointer<Bool>

    public var count: Int { self.starts.count }

    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self.buffer[self.starts[index]..<self.ends[index]])
    }
}

/// Reads records one at a time from a ``ByteSource`` through a buffer that holds at least one whole record, without
/// copying field bytes; memory is bounded by the longest record, not by the file.
///
/// The mutable state is marked `@exclusivity(unchecked)`: a reader is used by one task at a time and never hands out
/// overlapping accesses, and the runtime exclusivity checks otherwise cost about 40% of the parse time.
public final class CSVRecordReader<Source: ByteSource> {
    @exclusivity(unchecked) private var source: Source
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Start of the unconsumed bytes (the next record).
    @exclusivity(unchecked) private var start = 0
    /// End of the valid bytes in `storage`.
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var sourceFinished = false
    /// Absolute offset of `storage[0]` in the input.
    @exclusivity(unchecked) private var base = 0
    @exclusivity(unchecked) private var currentLine = 1

    @exclusivity(unchecked) private var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var rawStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var escapes: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var quoted: UnsafeMutablePointer<Bool>
    @exclusivity(unchecked) private var fieldCapacity = 64
    @exclusivity(unchecked) private var recordStart = 0
    @exclusivity(unchecked) private var recordRawEnd = 0

    /// The number of fields in the current record.
    @exclusivity(unchecked) public private(set) var fieldCount = 0
    /// 1-based physical line on which the current record starts.
    @exclusivity(unchecked) public private(set) var recordLine = 0
    /// 1-based number of the current record.
    @exclusivity(unchecked) public private(set) var recordNumber = 0
    @exclusivity(unchecked) public private(set) var terminator = LineTerminator.endOfFile
    /// Syntax problems found in the current record.
    @exclusivity(unchecked) public private(set) var issues: [CSVSyntaxIssue] = []

    public init(source: Source, bufferSize: Int = 1 << 18) {
        self.source = source
        self.capacity = max(bufferSize, 16)
        self.storage = .allocate(capacity: self.capacity)
        self.starts = .allocate(capacity: self.fieldCapacity)
        self.ends = .allocate(capacity: self.fieldCapacity)
        self.rawStarts = .allocate(capacity: self.fieldCapacity)
        self.escapes = .allocate(capacity: self.fieldCapacity)
        self.quoted = .allocate(capacity: self.fieldCapacity)
    }

    deinit {
        self.storage.deallocate()
        self.starts.deallocate()
        self.ends.deallocate()
        self.rawStarts.deallocate()
        self.escapes.deallocate()
        self.quoted.deallocate()
    }

    // MARK: - Access

    /// Total bytes consumed so far.
    public var bytesConsumed: Int { self.base + self.start }
    /// Absolute byte offset of the current record.
    public var recordOffset: Int { self.base + self.recordStart }

    /// Calls `body` with the bytes of field `index` (unescaped, without quotes).
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: self.storage + self.starts[index], count: self.ends[index] - self.starts[index]))
    }

    /// Calls `body` with the whole current record.
    @inline(__always)
    public func withRecord<R>(_ body: (CSVRecordView) throws -> R) rethrows -> R {
        try body(
            CSVRecordView(
                raw: UnsafeBufferPointer(start: self.storage + self.recordStart, count: self.recordRawEnd - self.recordStart),
                buffer: UnsafeBufferPointer(start: self.storage, count: self.end),
                starts: UnsafeBufferPointer(start: self.starts, count: self.fieldCount),
                ends: UnsafeBufferPointer(start: self.ends, count: self.fieldCount),
                quoted: UnsafeBufferPointer(start: self.quoted, count: self.fieldCount)))
    }

    /// Whether field `index` was written between double quotes.
    public func isQuoted(_ index: Int) -> Bool { self.quoted[index] }

    /// Whether each field was quoted.
    public var fieldQuoted: [Bool] { (0..<self.fieldCount).map { self.quoted[$0] } }

    /// Absolute byte offset where field `index` starts in the input (at its opening quote, if any).
    public func fieldOffset(_ index: Int) -> Int { self.base + self.rawStarts[index] }

    /// The fields of the current record as arrays (convenient, allocates).
    public var fields: [[UInt8]] { (0..<self.fieldCount).map { self.withField($0) { Array($0) } } }

    // MARK: - Reading

    /// Advances to the next record. Returns false when the input is exhausted.
    public func next() throws(ByteSourceError) -> Bool {
        if self.start == self.end {
            guard try self.fill() else { return false }
        }
        while true {
            if let recordEnd = self.parse(atEOF: self.sourceFinished) {
                self.unescape()
                self.recordNumber += 1
                self.start = recordEnd
                return true
            }
            // The record continues past the buffered bytes: move it to the front, grow if it fills the buffer, read more.
            if self.start > 0 {
                let pending = self.end - self.start
                self.storage.update(from: self.storage + self.start, count: pending)
                self.base += self.start
                self.end = pending
                self.start = 0
            } else if self.end == self.capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity * 2)
                larger.initialize(from: self.storage, count: self.end)
                self.storage.deallocate()
                self.storage = larger
                self.capacity *= 2
            }
            if !(try self.fill()) { self.sourceFinished = true }
        }
    }

    /// Reads more bytes after `end`; returns false at the end of input.
    private func fill() throws(ByteSourceError) -> Bool {
        if self.start == self.end {
            self.base += self.start
            self.start = 0
            self.end = 0
        }
        guard !self.sourceFinished else { return false }
        let count = try self.source.read(into: UnsafeMutableBufferPointer(start: self.storage + self.end, count: self.capacity - self.end))
        if count == 0 { self.sourceFinished = true }
        self.end += count
        return count > 0
    }

    @inline(__always)
    private func beginField(_ rawStart: Int, quoted: Bool) {
        if self.fieldCount == self.fieldCapacity { self.growFields() }
        self.rawStarts[self.fieldCount] = rawStart
        self.starts[self.fieldCount] = quoted ? rawStart + 1 : rawStart
        self.quoted[self.fieldCount] = quoted
        self.escapes[self.fieldCount] = 0
    }

    private func growFields() {
        func grow<T>(_ pointer: inout UnsafeMutablePointer<T>) {
            let larger = UnsafeMutablePointer<T>.allocate(capacity: self.fieldCapacity * 2)
            larger.moveInitialize(from: pointer, count: self.fieldCapacity)
            pointer.deallocate()
            pointer = larger
        }
        grow(&self.starts)
        grow(&self.ends)
        grow(&self.rawStarts)
        grow(&self.escapes)
        grow(&self.quoted)
        self.fieldCapacity *= 2
    }

    /// Parses the record at `start`. Returns the index after its terminator, or nil when more bytes are needed.
    private func parse(atEOF: Bool) -> Int? {
        let bytes = self.storage
        let end = self.end
        var position = self.start
        var lines = 0
        self.fieldCount = 0
        self.issues.removeAll(keepingCapacity: true)
        let line = self.currentLine
        while true {
            let fieldStart = position
            let isQuoted = position < end && bytes[position] == UInt8(ascii: "\"")
            self.beginField(fieldStart, quoted: isQuoted)
            var contentEnd: Int
            if isQuoted {
                position += 1
                var closed = false
                while position < end {
                    let byte = bytes[position]
                    if byte > UInt8(ascii: "\"") {
                        position += 1
                        continue
                    }
                    if byte == UInt8(ascii: "\"") {
                        if position + 1 == end && !atEOF { return nil }
                        if position + 1 < end && bytes[position + 1] == UInt8(ascii: "\"") {
                            self.escapes[self.fieldCount] += 1
                            position += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == UInt8(ascii: "\n") { lines += 1 }
                    position += 1
                }
                guard closed else {
                    guard atEOF else { return nil }
                    self.issues.append(CSVSyntaxIssue(kind: .unterminatedQuote, fieldIndex: self.fieldCount, byteOffset: self.base + fieldStart, line: line + lines))
                    self.ends[self.fieldCount] = position
                    self.fieldCount += 1
                    return self.finish(rawEnd: position, next: position, terminator: .endOfFile, lines: lines, line: line)
                }
                contentEnd = position
                position += 1
                // Anything but a delimiter after the closing quote is an error; skip it.
                var reported = false
                while position < end {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    if !reported {
                        reported = true
                        self.issues.append(CSVSyntaxIssue(kind: .textAfterClosingQuote, fieldIndex: self.fieldCount, byteOffset: self.base + position, line: line + lines))
                    }
                    position += 1
                }
            } else {
                var reported = false
                while position < end {
                    let byte = bytes[position]
                    // Most bytes are none of `,` CR LF `"`: one range test skips them (all four are below 0x2D).
                    if byte > UInt8(ascii: ",") {
                        position += 1
                        continue
                    }
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    if byte == UInt8(ascii: "\"") && !reported {
                        reported = true
                        self.issues.append(CSVSyntaxIssue(kind: .quoteInUnquotedField, fieldIndex: self.fieldCount, byteOffset: self.base + position, line: line + lines))
                    }
                    position += 1
                }
                contentEnd = position
            }
            self.ends[self.fieldCount] = contentEnd
            self.fieldCount += 1
            guard position < end else {
                guard atEOF else { return nil }
                return self.finish(rawEnd: position, next: position, terminator: .endOfFile, lines: lines, line: line)
            }
            let delimiter = bytes[position]
            if delimiter == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if delimiter == UInt8(ascii: "\n") {
                return self.finish(rawEnd: position, next: position + 1, terminator: .lf, lines: lines + 1, line: line)
            }
            // CR: CRLF, or a bare CR.
            if position + 1 == end && !atEOF { return nil }
            if position + 1 < end && bytes[position + 1] == UInt8(ascii: "\n") {
                return self.finish(rawEnd: position, next: position + 2, terminator: .crlf, lines: lines + 1, line: line)
            }
            self.issues.append(CSVSyntaxIssue(kind: .bareCarriageReturn, fieldIndex: self.fieldCount - 1, byteOffset: self.base + position, line: line + lines))
            return self.finish(rawEnd: position, next: position + 1, terminator: .cr, lines: lines + 1, line: line)
        }
    }

    @inline(__always)
    private func finish(rawEnd: Int, next: Int, terminator: LineTerminator, lines: Int, line: Int) -> Int {
        self.recordStart = self.start
        self.recordRawEnd = rawEnd
        self.recordLine = line
        self.currentLine = line + lines
        self.terminator = terminator
        return next
    }

    /// Turns `""` into `"` in place, for the fields that have escapes (the record is complete, so no re-parse follows).
    private func unescape() {
        for index in 0..<self.fieldCount where self.escapes[index] > 0 {
            var read = self.starts[index]
            var write = read
            let end = self.ends[index]
            while read < end {
                let byte = self.storage[read]
                self.storage[write] = byte
                write += 1
                read += byte == UInt8(ascii: "\"") ? 2 : 1
            }
            self.ends[index] = write
        }
    }
}
