// CarePlan Link — CarePlanHubStorePostgres

/// Errors of ``PostgresHubStore`` beyond PostgreSQL's own (constraint violations surface as `PSQLError`s).
public enum PostgresHubStoreError: Error, CustomStringConvertible, Sendable {
    /// The database URL cannot be read.
    case invalidURL(String)
    /// A stored value the model cannot represent (a corrupted or foreign row).
    case invalidValue(column: String, value: String)
    /// The database was migrated by a newer version of the hub; this one must not write into it.
    case schemaTooNew(unknown: [String])
    /// A file names a body that was neither given nor stored.
    case missingBody(sha256: String)
    /// A file given to `storeUnit` belongs to another unit.
    case fileOfAnotherUnit(String)

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            "データベースのURLを読めません / cannot read the database URL: \(reason)"
        case .invalidValue(let column, let value):
            "データベースの値が不正です / invalid stored value in \(column): \(value)"
        case .schemaTooNew(let unknown):
            "データベースは新しい版のハブで更新されています / the database was migrated by a newer hub (\(unknown.joined(separator: ", ")))"
        case .missingBody(let sha256):
            "ファイル本体がありません / no body for \(sha256)"
        case .fileOfAnotherUnit(let name):
            "別の送信単位のファイルです / file \(name) belongs to another unit"
        }
    }
}
