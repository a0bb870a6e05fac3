// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// A model stored as one row of one table: its columns in order, how to read a row, and the values to insert.
protocol TableRow: Sendable {
    /// The table's name as the SQL writes it.
    static var table: String { get }
    /// The columns written on insert, in the order of ``insertValues``; a table with an identity leaves `id` out.
    static var insertColumns: [String] { get }
    init(sqlRow: SQLRow) throws
    var insertValues: [any SQLArgumentConvertible] { get }
}

extension TableRow {
    /// `INSERT INTO table (columns) VALUES (?, …)`, with `RETURNING id` when `returningID`.
    static func insertSQL(returningID: Bool = false) -> String {
        let placeholders = Array(repeating: "?", count: Self.insertColumns.count).joined(separator: ", ")
        return "INSERT INTO \(Self.table) (\(Self.insertColumns.joined(separator: ", "))) VALUES (\(placeholders))" + (returningID ? " RETURNING id" : "")
    }
}

extension PostgresSession {
    /// Every row of `sql`, decoded as `Model`.
    func fetchAll<Model: TableRow>(_ type: Model.Type, _ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws -> [Model] {
        try await self.rows(sql, arguments).map(Model.init(sqlRow:))
    }

    /// The first row of `sql` decoded as `Model`, nil when there is none.
    func fetchOne<Model: TableRow>(_ type: Model.Type, _ sql: String, _ arguments: [any SQLArgumentConvertible] = []) async throws -> Model? {
        try await self.row(sql, arguments).map(Model.init(sqlRow:))
    }

    /// Inserts `model` and returns the id the database gave it.
    func insertReturningID<Model: TableRow>(_ model: Model) async throws -> Int64 {
        guard let id = try await self.scalar(Int64.self, Model.insertSQL(returningID: true), model.insertValues) else {
            throw PostgresHubStoreError.invalidValue(column: "\(Model.table).id", value: "(none returned)")
        }
        return id
    }

    /// Inserts `model` (a table without identity, or with its id given).
    func insert<Model: TableRow>(_ model: Model) async throws {
        try await self.execute(Model.insertSQL(), model.insertValues)
    }
}
