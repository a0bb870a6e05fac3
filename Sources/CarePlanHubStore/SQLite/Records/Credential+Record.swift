// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `credential` table. Scopes are stored comma-separated.
extension Credential: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "credential"

    public enum Columns {
        public static let id = Column("id")
        public static let accountID = Column("accountID")
        public static let secretHash = Column("secretHash")
    }

    public init(row: Row) throws {
        let scopes: String = try row.decode(forColumn: "scopes")
        self.init(
            id: try row.decode(forColumn: "id"), accountID: try row.decode(forColumn: "accountID"), kind: try row.decodeEnum("kind"),
            secretHash: try row.decode(forColumn: "secretHash"), label: try row.decode(forColumn: "label"),
            scopes: try scopes.split(separator: ",").map {
                guard let scope = Scope(rawValue: String($0)) else { throw SQLiteHubStoreError.invalidValue(column: "scopes", value: scopes) }
                return scope
            },
            createdAt: try row.decode(forColumn: "createdAt"), expiresAt: try row.decode(forColumn: "expiresAt"),
            revokedAt: try row.decode(forColumn: "revokedAt"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["accountID"] = self.accountID
        container["kind"] = self.kind.rawValue
        container["secretHash"] = self.secretHash
        container["label"] = self.label
        container["scopes"] = self.scopes.map(\.rawValue).joined(separator: ",")
        container["createdAt"] = self.createdAt
        container["expiresAt"] = self.expiresAt
        container["revokedAt"] = self.revokedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}
