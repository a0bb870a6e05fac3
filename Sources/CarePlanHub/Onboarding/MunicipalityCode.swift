// CarePlan Link — CarePlanHub

/// 市区町村コード (全国地方公共団体コード, JIS X 0402): five digits and a check digit (検査数字, modulus 11).
enum MunicipalityCode {
    /// Whether `code` is six ASCII digits of a municipality (not a prefecture's own `PP000C`) in a prefecture 01–47,
    /// whose last is the check digit of the first five.
    static func isValid(_ code: String) -> Bool {
        let digits = code.unicodeScalars.compactMap { $0.isASCII ? Int(String($0)) : nil }
        guard code.unicodeScalars.count == 6, digits.count == 6, (1...47).contains(digits[0] * 10 + digits[1]), digits[2...4] != [0, 0, 0] else { return false }
        return digits[5] == self.checkDigit(Array(digits.prefix(5)))
    }

    /// The weights are 6, 5, 4, 3, 2; the check digit is the last digit of 11 minus the sum's remainder by 11.
    static func checkDigit(_ five: [Int]) -> Int {
        let sum = zip(five, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        return (11 - sum % 11) % 10
    }
}
