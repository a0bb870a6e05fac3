// CarePlan Link — CarePlanHubStore
import Foundation

/// Errors of ``SQLiteHubStore`` beyond SQLite's own (constraint violations surface as GRDB `DatabaseError`s).
public enum SQLiteHubStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was written by a newer version of the hub (it has migrations this version does not know).
    case schemaTooNew
    /// `storeUnit` was given a file whose body is neither among the bodies nor already stored.
    case missingBody(sha256: String)
    /// `storeUnit` was given a file whose `unitID` is not the unit's id.
    case fileOfAnotherUnit(String)
    /// A stored value is not one of the known cases (e.g. an unknown role).
    case invalidValue(column: String, value: String)
    /// The database file cannot be created or its permissions set.
    case cannotCreate(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .schemaTooNew: "the hub database was created by a newer version of careplan"
        case .missingBody(let sha256): "no body for file \(sha256)"
        case .fileOfAnotherUnit(let name): "file \(name) belongs to another unit"
        case .invalidValue(let column, let value): "invalid stored value in \(column): \(value)"
        case .cannotCreate(let path, let errno): "cannot create \(path): \(String(cString: strerror(errno)))"
        }
    }
}
