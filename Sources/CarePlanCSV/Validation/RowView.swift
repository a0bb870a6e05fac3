// CarePlan Link — CarePlanCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current record's fields by item number (No.), as raw bytes; valid only inside the validator's closure.
struct RowView {
    let all: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>
    /// Column index of each item number; -1 when the version lacks the item.
    let columnOfItem: UnsafeBufferPointer<Int>
    /// 1-based record number.
    let row: Int

    /// The bytes of item `number` (empty for Null or an item this version lacks).
    @inline(__always)
    func bytes(_ number: Int) -> UnsafeBufferPointer<UInt8> {
        guard number < self.columnOfItem.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let column = self.columnOfItem[number]
        guard column >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: self.all[self.starts[column]..<self.ends[column]])
    }

    @inline(__always)
    func has(_ number: Int) -> Bool { !self.bytes(number).isEmpty }

    /// Whether item `number` equals `text` byte for byte.
    @inline(__always)
    func equals(_ number: Int, _ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { Bytes.equal(self.bytes(number), $0) }
    }

    /// Whether item `number` equals the ASCII literal `text` (no allocation).
    @inline(__always)
    func equals(_ number: Int, _ text: StaticString) -> Bool {
        Bytes.equal(self.bytes(number), UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The decoded text of item `number`, or nil when Null (for keys and messages, not the hot path).
    func string(_ number: Int) -> String? {
        let bytes = self.bytes(number)
        guard !bytes.isEmpty else { return nil }
        return (try? MS932.decode(bytes)) ?? String(decoding: bytes, as: UTF8.self)
    }
}

/// Byte-buffer comparisons without generic iterator overhead.
enum Bytes {
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0 else { return true }
        return memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0
    }

    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: StaticString) -> Bool {
        Self.equal(lhs, UnsafeBufferPointer(start: rhs.utf8Start, count: rhs.utf8CodeUnitCount))
    }
}

/// Up to 16 bytes held inline (office numbers, months, service types), so comparing costs no reference counting.
struct ShortBytes {
    private var storage: (UInt64, UInt64) = (0, 0)
    let count: Int

    init(_ bytes: some Collection<UInt8>) {
        precondition(bytes.count <= 16, "ShortBytes holds at most 16 bytes")
        self.count = bytes.count
        withUnsafeMutableBytes(of: &self.storage) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
    }

    @inline(__always)
    func equals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == self.count else { return false }
        return withUnsafeBytes(of: self.storage) { raw in
            Bytes.equal(bytes, UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: self.count))
        }
    }

    var text: String { withUnsafeBytes(of: self.storage) { String(decoding: $0.prefix(self.count), as: UTF8.self) } }
}
