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

/// Reads records one at a time from a ``ByteSource`` through a fixed-size buffer; the current record's field bytes are
/// kept in reused storage, so memory does not grow with the file.
public final class CSVRecordReader<Source: ByteSource> {
    private var source: Source
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    private var sourceFinished = false
    /// Absolute offset of `buffer[0]`.
    private var bufferBase = 0
    private var currentLine = 1

    /// Unescaped bytes of every field of the current record, back to back.
    public private(set) var bytes: [UInt8] = []
    /// Field i is `bytes[fieldStarts[i]..<fieldEnds[i]]`.
    public private(set) var fieldStarts: [Int] = []
    public private(set) var fieldEnds: [Int] = []
    /// Whether field i was written between double quotes.
    public private(set) var fieldQuoted: [Bool] = []
    /// Absolute byte offset where field i starts in the input.
    public private(set) var fieldOffsets: [Int] = []
    /// 1-based physical line on which the current record starts.
    public private(set) var recordLine = 0
    /// Absolute byte offset of the current record.
    public private(set) var recordOffset = 0
    /// 1-based number of the current record.
    public private(set) var recordNumber = 0
    public private(set) var terminator = LineTerminator.endOfFile
    /// Syntax problems found in the current record.
    public private(set) var issues: [CSVSyntaxIssue] = []
    /// Total bytes consumed so far.
    public var bytesConsumed: Int { self.bufferBase + self.position }

    public init(source: Source, bufferSize: Int = 1 << 18) {
        self.source = source
        self.buffer = .allocate(capacity: max(bufferSize, 16))
        self.bytes.reserveCapacity(4096)
    }

    deinit { self.buffer.deallocate() }

    /// The number of fields in the current record.
    public var fieldCount: Int { self.fieldStarts.count }

    /// Calls `body` with the bytes of field `index` (unescaped, without quotes).
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try self.bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[self.fieldStarts[index]..<self.fieldEnds[index]]))
        }
    }

    /// The fields of the current record as arrays (convenient, allocates).
    public var fields: [[UInt8]] {
        (0..<self.fieldCount).map { Array(self.bytes[self.fieldStarts[$0]..<self.fieldEnds[$0]]) }
    }

    /// Refills the buffer; returns false at the end of input.
    private func refill() throws(ByteSourceError) -> Bool {
        guard !self.sourceFinished else { return false }
        self.bufferBase += self.end
        self.position = 0
        self.end = try self.source.read(into: self.buffer)
        if self.end == 0 { self.sourceFinished = true }
        return self.end > 0
    }

    @inline(__always)
    private func peek() throws(ByteSourceError) -> UInt8? {
        if self.position == self.end, !(try self.refill()) { return nil }
        return self.buffer[self.position]
    }

    /// Advances to the next record. Returns false when the input is exhausted.
    public func next() throws(ByteSourceError) -> Bool {
        self.bytes.removeAll(keepingCapacity: true)
        self.fieldStarts.removeAll(keepingCapacity: true)
        self.fieldEnds.removeAll(keepingCapacity: true)
        self.fieldQuoted.removeAll(keepingCapacity: true)
        self.fieldOffsets.removeAll(keepingCapacity: true)
        self.issues.removeAll(keepingCapacity: true)
        guard try self.peek() != nil else { return false }
        self.recordNumber += 1
        self.recordLine = self.currentLine
        self.recordOffset = self.bytesConsumed

        while true {
            let fieldIndex = self.fieldStarts.count
            self.fieldStarts.append(self.bytes.count)
            self.fieldOffsets.append(self.bytesConsumed)
            var quoted = false
            if try self.peek() == UInt8(ascii: "\"") {
                quoted = true
                self.position += 1
                if !(try self.readQuotedRest(fieldIndex: fieldIndex)) {
                    self.fieldEnds.append(self.bytes.count)
                    self.fieldQuoted.append(true)
                    self.terminator = .endOfFile
                    return true
                }
            }
            try self.readUnquotedRun(fieldIndex: fieldIndex, afterQuote: quoted)
            self.fieldEnds.append(self.bytes.count)
            self.fieldQuoted.append(quoted)

            guard let delimiter = try self.peek() else {
                self.terminator = .endOfFile
                return true
            }
            self.position += 1
            switch delimiter {
            case UInt8(ascii: ","):
                continue
            case UInt8(ascii: "\n"):
                self.terminator = .lf
            default:  // CR
                if try self.peek() == UInt8(ascii: "\n") {
                    self.position += 1
                    self.terminator = .crlf
                } else {
                    self.terminator = .cr
                    self.issues.append(
                        CSVSyntaxIssue(kind: .bareCarriageReturn, fieldIndex: fieldIndex, byteOffset: self.bytesConsumed - 1, line: self.currentLine))
                }
            }
            self.currentLine += 1
            return true
        }
    }

    /// Reads a quoted field after its opening quote up to and including the closing quote. Returns false at EOF.
    private func readQuotedRest(fieldIndex: Int) throws(ByteSourceError) -> Bool {
        let startOffset = self.bytesConsumed - 1
        let startLine = self.currentLine
        while true {
            if self.position == self.end, !(try self.refill()) {
                self.issues.append(CSVSyntaxIssue(kind: .unterminatedQuote, fieldIndex: fieldIndex, byteOffset: startOffset, line: startLine))
                return false
            }
            let base = self.buffer.baseAddress!
            var index = self.position
            let end = self.end
            var lines = 0
            while index < end {
                let byte = base[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\n") { lines += 1 }
                index += 1
            }
            self.bytes.append(contentsOf: UnsafeBufferPointer(start: base + self.position, count: index - self.position))
            self.currentLine += lines
            self.position = index
            if index == end { continue }
            // At a quote: `""` is an escaped quote, anything else closes the field.
            self.position += 1
            if try self.peek() == UInt8(ascii: "\"") {
                self.bytes.append(UInt8(ascii: "\""))
                self.position += 1
                continue
            }
            return true
        }
    }

    /// Reads unquoted bytes up to `,`, CR, LF or EOF. After a closing quote, any byte here is an error.
    private func readUnquotedRun(fieldIndex: Int, afterQuote: Bool) throws(ByteSourceError) {
        var reported = false
        while true {
            if self.position == self.end, !(try self.refill()) { return }
            let base = self.buffer.baseAddress!
            var index = self.position
            let end = self.end
            while index < end {
                let byte = base[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                if !reported && (afterQuote || byte == UInt8(ascii: "\"")) {
                    reported = true
                    self.issues.append(
                        CSVSyntaxIssue(
                            kind: afterQuote ? .textAfterClosingQuote : .quoteInUnquotedField, fieldIndex: fieldIndex,
                            byteOffset: self.bufferBase + index, line: self.currentLine))
                }
                index += 1
            }
            self.bytes.append(contentsOf: UnsafeBufferPointer(start: base + self.position, count: index - self.position))
            self.position = index
            if index < end { return }
        }
    }
}
