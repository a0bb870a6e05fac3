// CarePlan Link — CarePlanCSV
// Small helpers for reading ASCII digit runs straight from MS932 bytes (digits are single-byte in MS932).

enum ASCIIDigits {
    /// The value of `bytes` when every byte is an ASCII digit, else nil.
    @inline(__always)
    static func value(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            result = result &* 10 &+ Int(digit)
        }
        return result
    }

    /// Whether every byte is an ASCII digit (and there is at least one).
    @inline(__always)
    static func allDigits(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where byte &- 0x30 >= 10 { return false }
        return true
    }

    /// Zero-padded decimal text of `value` with `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int {
    /// Whether `year` is a Gregorian leap year.
    static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days in `month` of `year` (28…31).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: Int.isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
