// CarePlan Link — CarePlanHubStorePostgres
import Logging
import PostgresNIO

/// One leased connection, inside a transaction for writes: statements written with `?` placeholders (as the SQLite
/// store's are), bound as typed values, never spliced into the SQL text.
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of `sql`.
    func rows(_ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws -> [SQLRow] {
        let rows = try await self.connection.query(Self.query(sql, arguments), logger: self.logger)
        var result: [SQLRow] = []
        for try await row in rows { result.append(SQLRow(row)) }
        return result
    }

    /// The first row of `sql`, nil when there is none.
    func row(_ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws -> SQLRow? {
        try await self.rows(sql, arguments).first
    }

    /// The first column of the first row, nil when there is no row (or the value is NULL).
    func scalar<Value: PostgresDecodable>(
        _ type: Value.Type, _ sql: String, _ arguments: [any SQLArgumentConvertible] = []
    ) async throws -> Value? where Value._DecodableType == Value {
        guard let row = try await self.row(sql, arguments) else { return nil }
        return try row.first(as: Value?.self)
    }

    /// Runs a statement and ignores its rows.
    func execute(_ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws {
        let rows = try await self.connection.query(Self.query(sql, arguments), logger: self.logger)
        for try await _ in rows {}
    }

    /// Runs a statement written with `RETURNING 1` (or any returned column) and counts the rows it changed.
    func changes(_ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws -> Int {
        try await self.rows(sql, arguments).count
    }

    /// Turns `?` placeholders into `$1`, `$2`, … in order, outside string literals and quoted names.
    static func query(_ sql: String, _ arguments: [any SQLArgumentConvertible]) -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + 8)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                text.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                text.append(character)
            } else if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        precondition(number == arguments.count, "\(number) placeholders, \(arguments.count) arguments: \(sql)")
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.sqlArgument.bind(to: &bindings) }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}
