// CarePlan Link — CarePlanCSV

extension MS932 {
    /// Text for showing a field in a message: decoded when valid, with undefined bytes as `\xNN`; cut at `limit` characters.
    static func lossyText(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        if let text = try? MS932.decode(bytes) {
            return text.count > limit ? String(text.prefix(limit)) + "…" : text
        }
        return bytes.prefix(limit).map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
    }
}
