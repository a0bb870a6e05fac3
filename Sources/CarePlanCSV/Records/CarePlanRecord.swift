// CarePlan Link — CarePlanCSV

/// A typed row of one file kind. The generated record types (one per file kind) conform to it.
///
/// ```swift
/// let row = CarePlanTable1DeletionRecord(insurerNumber: "131016", insuredNumber: "0000012345",
///                                        planCreationDate: CalendarDate("20250401")!)
/// let bytes = try CarePlanCSVWriter.write([row])
/// ```
public protocol CarePlanRecord: Codable, Hashable, Sendable {
    /// The file kind whose rows this type models.
    static var kind: FileKind { get }
    /// Decodes a row whose fields have already passed validation.
    init(row: some RecordFieldSource) throws(FieldDecodingError)
    /// The text of columns 2… of the current (4.x) layout, without quoting; empty = Null.
    var fieldTexts: [String] { get }
}

/// A value that a field holds, with its canonical text form.
public protocol FieldValue: Sendable {
    init?(fieldText: String)
    var fieldText: String { get }
}

extension String: FieldValue {
    public init?(fieldText: String) { self = fieldText }
    public var fieldText: String { self }
}

extension Int: FieldValue {
    public init?(fieldText: String) { self.init(fieldText, radix: 10) }
    public var fieldText: String { String(self) }
}

extension CalendarDate: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

extension YearMonth: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

extension ClockTime: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

extension ServiceTime: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

extension DayMask: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

extension UnitPrice: FieldValue {
    public init?(fieldText: String) { self.init(fieldText) }
    public var fieldText: String { self.description }
}

/// The decoded text of a row's fields, addressed by 4.x item number (No.).
public protocol RecordFieldSource {
    /// The text of item `number`, or nil when it is empty (Null) or absent from this file's CSV version.
    func text(_ number: Int) -> String?
}

/// A field could not be turned into its typed value.
public struct FieldDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 項番 of the item.
    public let number: Int
    /// The offending text (nil when the item was missing).
    public let text: String?

    public var description: String {
        if let text = self.text {
            "項目No.\(self.number)の値を解釈できません / cannot interpret item No.\(self.number): \(text)"
        } else {
            "必須項目No.\(self.number)がありません / required item No.\(self.number) is missing"
        }
    }
}

extension RecordFieldSource {
    /// A required item's typed value.
    public func value<Value: FieldValue>(_ number: Int) throws(FieldDecodingError) -> Value {
        guard let text = self.text(number) else { throw FieldDecodingError(number: number, text: nil) }
        guard let value = Value(fieldText: text) else { throw FieldDecodingError(number: number, text: text) }
        return value
    }

    /// An optional item's typed value; nil when Null.
    public func optionalValue<Value: FieldValue>(_ number: Int) throws(FieldDecodingError) -> Value? {
        guard let text = self.text(number) else { return nil }
        guard let value = Value(fieldText: text) else { throw FieldDecodingError(number: number, text: text) }
        return value
    }

    /// An item whose all-zero placeholder (e.g. `00000000`) stands for "not linked": nil.
    public func value<Value: FieldValue>(_ number: Int, orNilWhen placeholder: String) throws(FieldDecodingError) -> Value? {
        guard let text = self.text(number) else { throw FieldDecodingError(number: number, text: nil) }
        if text == placeholder { return nil }
        guard let value = Value(fieldText: text) else { throw FieldDecodingError(number: number, text: text) }
        return value
    }
}

/// Field texts keyed by item number, e.g. from JSON or tests.
public struct FieldTextRow: RecordFieldSource, Sendable {
    public var texts: [Int: String]
    public init(_ texts: [Int: String]) { self.texts = texts }
    public func text(_ number: Int) -> String? {
        guard let text = self.texts[number], !text.isEmpty else { return nil }
        return text
    }
}
