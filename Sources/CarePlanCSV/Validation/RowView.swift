// CarePlan Link — CarePlanCSV

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
    func equals(_ number: Int, _ text: [UInt8]) -> Bool { self.bytes(number).elementsEqual(text) }

    /// The decoded text of item `number`, or nil when Null (for keys and messages, not the hot path).
    func string(_ number: Int) -> String? {
        let bytes = self.bytes(number)
        guard !bytes.isEmpty else { return nil }
        return (try? MS932.decode(bytes)) ?? String(decoding: bytes, as: UTF8.self)
    }
}
