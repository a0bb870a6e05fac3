// CarePlan Link — CarePlanHubStorePostgres
import PostgresNIO

/// A value bound to a `?` of a statement: the few types the hub's tables hold.
enum SQLArgument: Sendable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case bytes([UInt8])
    /// For `= ANY(?)`: one bound array however many ids.
    case integers([Int64])
    case texts([String])

    func bind(to bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .integer(let value): bindings.append(value)
        case .double(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .bool(let value): bindings.append(value)
        case .bytes(let value): bindings.append(ByteBuffer(bytes: value))
        case .integers(let value): bindings.append(value)
        case .texts(let value): bindings.append(value)
        }
    }
}

/// What can be bound as an ``SQLArgument``.
protocol SQLArgumentConvertible: Sendable {
    var sqlArgument: SQLArgument { get }
}

extension Int64: SQLArgumentConvertible { var sqlArgument: SQLArgument { .integer(self) } }
extension Int: SQLArgumentConvertible { var sqlArgument: SQLArgument { .integer(Int64(self)) } }
extension Double: SQLArgumentConvertible { var sqlArgument: SQLArgument { .double(self) } }
extension String: SQLArgumentConvertible { var sqlArgument: SQLArgument { .text(self) } }
extension Bool: SQLArgumentConvertible { var sqlArgument: SQLArgument { .bool(self) } }
extension SQLArgument: SQLArgumentConvertible { var sqlArgument: SQLArgument { self } }
extension Array: SQLArgumentConvertible where Element == Int64 { var sqlArgument: SQLArgument { .integers(self) } }

extension Optional: SQLArgumentConvertible where Wrapped: SQLArgumentConvertible {
    var sqlArgument: SQLArgument { self.map(\.sqlArgument) ?? .null }
}

extension SQLArgument {
    /// Strings for `= ANY(?)`.
    static func list(_ values: [String]) -> SQLArgument { .texts(values) }
    /// Ids for `= ANY(?)`.
    static func list(_ values: [Int64]) -> SQLArgument { .integers(values) }
    /// A body.
    static func blob(_ bytes: [UInt8]) -> SQLArgument { .bytes(bytes) }
}
